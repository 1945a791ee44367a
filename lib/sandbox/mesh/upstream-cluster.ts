import {
  destinationRulesForHost,
  findSubset,
  podsForDestination,
  serviceOfHost,
  type DestinationDecision,
} from '@/lib/domain/istio';
import type { Endpoints, EndpointAddress, Service } from '../controllers/workload-types';
import type { DestinationServiceName } from './istio-metric-labels';
import { objectKeyOf, type MeshSnapshot } from './mesh-snapshot';
import type { WorkloadIdentity } from './workload-identity';

/**
 * The Envoy cluster a routing decision names, and its endpoints: the Endpoints object's addresses
 * (ready and not ready) for the Service port, joined to their pods' labels so that the subset's
 * labels can pick among them.
 */

export type LoadBalancerPolicy = 'ROUND_ROBIN' | 'RANDOM' | 'LEAST_REQUEST';

export interface UpstreamEndpoint {
  podIP: string;
  /** The container port the Service port targets on this pod. */
  port: number;
  identity: WorkloadIdentity | undefined;
  labels: Readonly<Record<string, string>>;
  ready: boolean;
}

export interface UpstreamCluster {
  /** `outbound|9080|v2|reviews.ns.svc.cluster.local`, Envoy's cluster name. */
  name: string;
  service: DestinationServiceName;
  /** Ready endpoints of the subset; empty means 503 UH. */
  endpoints: readonly UpstreamEndpoint[];
  loadBalancer: LoadBalancerPolicy;
}

export function clusterName(destination: DestinationDecision): string {
  return `outbound|${destination.port}|${destination.subset ?? ''}|${destination.host}`;
}

/** `destination_service*` for a destination, registered or not. */
export function serviceNameOf(
  host: string,
  clusterDomain = 'cluster.local',
): DestinationServiceName {
  const service = serviceOfHost(host, clusterDomain);
  return service
    ? { host, name: service.name, namespace: service.namespace }
    : { host, name: host, namespace: 'unknown' };
}

function addressesFor(endpoints: Endpoints | undefined, portName: string | undefined) {
  const found: { address: EndpointAddress; port: number; ready: boolean }[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    const ports = subset.ports ?? [];
    const port = portName ? ports.find((candidate) => candidate.name === portName) : ports[0];
    if (!port) continue;
    for (const address of subset.addresses ?? [])
      found.push({ address, port: port.port, ready: true });
    for (const address of subset.notReadyAddresses ?? [])
      found.push({ address, port: port.port, ready: false });
  }
  return found;
}

function policyOf(value: unknown): LoadBalancerPolicy | undefined {
  const simple = (value as { loadBalancer?: { simple?: string } } | undefined)?.loadBalancer
    ?.simple;
  return simple === 'RANDOM' || simple === 'ROUND_ROBIN' || simple === 'LEAST_REQUEST'
    ? simple
    : undefined;
}

/** The subset's load balancer, else the DestinationRule's, else Istio's default (LEAST_REQUEST). */
function loadBalancerFor(
  snapshot: MeshSnapshot,
  destination: DestinationDecision,
): LoadBalancerPolicy {
  const rules = destinationRulesForHost(snapshot.routing.destinationRules, destination.host);
  const subset = destination.subset
    ? findSubset(snapshot.routing.destinationRules, destination.host, destination.subset)
    : undefined;
  return (
    policyOf(subset?.trafficPolicy) ?? policyOf(rules[0]?.spec.trafficPolicy) ?? 'LEAST_REQUEST'
  );
}

/**
 * The cluster behind a decision, or undefined when Envoy would have no such cluster (503 NC): the
 * host is not a registered Service, the Service has no such port, or the subset is undefined.
 */
export function resolveUpstream(
  snapshot: MeshSnapshot,
  destination: DestinationDecision,
): UpstreamCluster | undefined {
  const ref = destination.service;
  const service: Service | undefined = ref
    ? snapshot.services.get(objectKeyOf(ref.namespace, ref.name))
    : undefined;
  if (!ref || !service) return undefined;
  const servicePort = (service.spec.ports ?? []).find((port) => port.port === destination.port);
  if (!servicePort) return undefined;
  let subsetLabels: Record<string, string> | undefined;
  if (destination.subset) {
    const subset = findSubset(
      snapshot.routing.destinationRules,
      destination.host,
      destination.subset,
    );
    if (!subset) return undefined;
    subsetLabels = subset.labels ?? {};
  }
  const candidates = addressesFor(
    snapshot.endpoints.get(objectKeyOf(ref.namespace, ref.name)),
    servicePort.name,
  ).map(({ address, port, ready }): UpstreamEndpoint => {
    const podKey = address.targetRef
      ? objectKeyOf(address.targetRef.namespace, address.targetRef.name)
      : undefined;
    const identity = podKey ? snapshot.identities.get(podKey) : undefined;
    return { podIP: address.ip, port, identity, labels: identity?.labels ?? {}, ready };
  });
  return {
    name: clusterName(destination),
    service: { host: destination.host, name: ref.name, namespace: ref.namespace },
    endpoints: podsForDestination(candidates, service.spec.selector ?? {}, subsetLabels),
    loadBalancer: loadBalancerFor(snapshot, destination),
  };
}
