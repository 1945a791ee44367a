/**
 * The endpoints controller's decision, as a pure function (`pkg/controller/endpoint`): for a
 * Service with a selector, an Endpoints object of the same name listing the selected pods' IPs,
 * ready ones under `addresses`, the others under `notReadyAddresses`, with the Service's ports
 * resolved against each pod's containers. Endpoints of a deleted Service are deleted.
 */
import { resources } from '../apiserver/cluster-client';
import type { ReconcileResult } from './actions';
import { setSelectorMatches } from './label-selector';
import { semanticEqual } from './object-meta';
import { isPodReady } from './pod-readiness';
import type {
  EndpointAddress,
  EndpointPort,
  EndpointSubset,
  Endpoints,
  Pod,
  Service,
  ServicePort,
} from './workload-types';

export interface EndpointsReconcileInput {
  namespace: string;
  name: string;
  /** The Service of that name, undefined once it is deleted. */
  service: Service | undefined;
  /** The Endpoints of that name, if any. */
  endpoints: Endpoints | undefined;
  /** Every pod in the namespace. */
  pods: Pod[];
}

/**
 * The container port a Service port reaches on a pod: a numeric targetPort as is, a named one by
 * the container port of that name and protocol, no targetPort as the Service port (`findPort`).
 * undefined when the pod has no such named port: the pod is left out for that port.
 */
export function resolveTargetPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec.containers ?? []) {
    for (const containerPort of container.ports ?? []) {
      if (containerPort.name === target && (containerPort.protocol ?? 'TCP') === protocol) {
        return containerPort.containerPort;
      }
    }
  }
  return undefined;
}

function ipOrder(a: EndpointAddress, b: EndpointAddress): number {
  const key = (ip: string) =>
    ip
      .split('.')
      .map((part) => part.padStart(3, '0'))
      .join('.');
  return (
    key(a.ip).localeCompare(key(b.ip)) ||
    (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '')
  );
}

/**
 * The subsets for a Service: pods grouped by the exact set of ports they serve (pods whose named
 * target port differs land in different subsets), addresses sorted by IP, as `RepackSubsets` does.
 */
export function endpointSubsets(service: Service, pods: Pod[]): EndpointSubset[] {
  const selector = service.spec.selector ?? {};
  const tolerateUnready = service.spec.publishNotReadyAddresses === true;
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >();

  for (const pod of pods) {
    if (!setSelectorMatches(selector, pod.metadata.labels)) continue;
    const ip = pod.status?.podIP;
    if (!ip) continue;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    if (pod.metadata.deletionTimestamp && !tolerateUnready) continue;

    const ports: EndpointPort[] = [];
    for (const servicePort of service.spec.ports ?? []) {
      const port = resolveTargetPort(pod, servicePort);
      if (port === undefined) continue;
      const endpointPort: EndpointPort = { port, protocol: servicePort.protocol ?? 'TCP' };
      if (servicePort.name) endpointPort.name = servicePort.name;
      if (servicePort.appProtocol) endpointPort.appProtocol = servicePort.appProtocol;
      ports.push(endpointPort);
    }
    // A Service with ports that this pod serves none of gets no address for it.
    if ((service.spec.ports ?? []).length > 0 && ports.length === 0) continue;
    ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);

    const address: EndpointAddress = {
      ip,
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
        uid: pod.metadata.uid ?? '',
      },
    };
    if (pod.spec.hostname && pod.spec.subdomain === service.metadata.name)
      address.hostname = pod.spec.hostname;

    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [] };
    (tolerateUnready || isPodReady(pod) ? group.ready : group.notReady).push(address);
    groups.set(key, group);
  }

  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, group]) => {
      const subset: EndpointSubset = {};
      if (group.ready.length > 0) subset.addresses = group.ready.sort(ipOrder);
      if (group.notReady.length > 0) subset.notReadyAddresses = group.notReady.sort(ipOrder);
      if (group.ports.length > 0) subset.ports = group.ports;
      return subset;
    });
}

/**
 * Reconciles the Endpoints of one Service: created, updated when its pods or ports change, deleted
 * with the Service. Services without a selector (their Endpoints are written by hand) and
 * ExternalName Services are left alone.
 */
export function reconcileEndpoints(input: EndpointsReconcileInput): ReconcileResult {
  const { service, endpoints } = input;
  if (!service) {
    if (!endpoints) return { actions: [] };
    return {
      actions: [
        {
          verb: 'delete',
          ref: resources.endpoints,
          namespace: input.namespace,
          name: input.name,
          uid: endpoints.metadata.uid,
        },
      ],
    };
  }
  if (!service.spec.selector || service.spec.type === 'ExternalName') return { actions: [] };

  const subsets = endpointSubsets(service, input.pods);
  const labels = { ...service.metadata.labels };
  if (service.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  if (!endpoints) {
    const created: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: input.name, namespace: input.namespace, labels },
      ...(subsets.length > 0 ? { subsets } : {}),
    };
    return { actions: [{ verb: 'create', ref: resources.endpoints, object: created }] };
  }
  if (
    semanticEqual(endpoints.subsets ?? [], subsets) &&
    semanticEqual(endpoints.metadata.labels ?? {}, labels)
  ) {
    return { actions: [] };
  }
  const updated: Endpoints = { ...endpoints, metadata: { ...endpoints.metadata, labels } };
  if (subsets.length > 0) updated.subsets = subsets;
  else delete updated.subsets;
  return { actions: [{ verb: 'update', ref: resources.endpoints, object: updated }] };
}
