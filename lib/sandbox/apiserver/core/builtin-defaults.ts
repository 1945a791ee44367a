import type { KubeObject } from '../types';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** SetDefaults_Probe and SetDefaults_HTTPGetAction: what `kubectl describe` shows as timeout=1s period=10s #success=1 #failure=3. */
function defaultProbe(probe: Json | undefined): void {
  if (!probe) return;
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  const httpGet = obj(probe.httpGet);
  if (httpGet) {
    if (!httpGet.path) httpGet.path = '/';
    if (!httpGet.scheme) httpGet.scheme = 'HTTP';
  }
}

function defaultContainerProbes(container: Json): void {
  defaultProbe(obj(container.livenessProbe));
  defaultProbe(obj(container.readinessProbe));
  defaultProbe(obj(container.startupProbe));
}

function defaultContainer(container: Json): void {
  const image = String(container.image ?? '');
  container.imagePullPolicy ??=
    image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent';
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  container.resources ??= {};
  defaultContainerProbes(container);
  for (const port of (container.ports as Json[] | undefined) ?? []) port.protocol ??= 'TCP';
}

function defaultPodSpec(spec: Json | undefined): void {
  if (!spec) return;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const list of [spec.initContainers, spec.containers]) {
    for (const container of Array.isArray(list) ? list : []) {
      const c = obj(container);
      if (c) defaultContainer(c);
    }
  }
}

/**
 * The defaults kube-apiserver fills in for the built-in kinds the sandbox hosts, so objects read
 * back as they would from a cluster (kubectl describe, diff and Aviary's controller see the same).
 */
export function applyBuiltinDefaults(
  group: string,
  kind: string,
  object: KubeObject,
  allocateClusterIp: () => string,
): void {
  const spec = obj(object.spec);
  switch (`${group}/${kind}`) {
    case '/Namespace': {
      const name = object.metadata.name!;
      object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': name };
      object.spec = { finalizers: ['kubernetes'], ...spec };
      return;
    }
    case '/Pod':
      defaultPodSpec(spec);
      if (spec) {
        spec.serviceAccountName ??= 'default';
        spec.nodeName ??= 'aviary-sandbox';
      }
      return;
    case '/Service': {
      if (!spec) return;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      spec.internalTrafficPolicy ??= 'Cluster';
      if (spec.clusterIP === undefined || spec.clusterIP === '')
        spec.clusterIP = allocateClusterIp();
      if (spec.clusterIP !== 'None') spec.clusterIPs ??= [spec.clusterIP];
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      for (const port of (spec.ports as Json[] | undefined) ?? []) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      return;
    }
    case 'apps/Deployment':
    case 'apps/ReplicaSet': {
      if (!spec) return;
      spec.replicas ??= 1;
      if (kind === 'Deployment') {
        spec.revisionHistoryLimit ??= 10;
        spec.progressDeadlineSeconds ??= 600;
        const strategy = (spec.strategy as Json | undefined) ?? {};
        strategy.type ??= 'RollingUpdate';
        if (strategy.type === 'RollingUpdate') {
          strategy.rollingUpdate = {
            maxSurge: '25%',
            maxUnavailable: '25%',
            ...obj(strategy.rollingUpdate),
          };
        }
        spec.strategy = strategy;
      }
      const template = obj(spec.template);
      defaultPodSpec(obj(template?.spec));
      return;
    }
    case '/ServiceAccount':
    case '/ConfigMap':
      return;
    case '/Secret': {
      object.type ??= 'Opaque';
      // stringData is write-only convenience: Kubernetes merges it into data, base64-encoded.
      const stringData = obj(object.stringData);
      if (stringData) {
        const data = { ...obj(object.data) };
        for (const [key, value] of Object.entries(stringData))
          data[key] = Buffer.from(String(value)).toString('base64');
        object.data = data;
        delete object.stringData;
      }
      return;
    }
    default:
      return;
  }
}

/**
 * The Service strategy's patchAllocatedValues: an update that leaves out the cluster IPs the
 * server allocated keeps them (a `kubectl replace` of the original manifest), instead of getting
 * new ones.
 */
export function carryAllocatedValues(
  group: string,
  kind: string,
  next: KubeObject,
  current: KubeObject,
): void {
  if (group !== '' || kind !== 'Service') return;
  const spec = obj(next.spec);
  const old = obj(current.spec);
  if (!spec || !old) return;
  if ((spec.clusterIP === undefined || spec.clusterIP === '') && old.clusterIP !== undefined) {
    spec.clusterIP = old.clusterIP;
    if (spec.clusterIPs === undefined && old.clusterIPs !== undefined)
      spec.clusterIPs = old.clusterIPs;
  }
  // normalizeClusterIPs: a new clusterIP with the old clusterIPs is a change of the first of them.
  const ips = spec.clusterIPs;
  if (
    Array.isArray(ips) &&
    ips.length > 0 &&
    spec.clusterIP !== ips[0] &&
    JSON.stringify(ips) === JSON.stringify(old.clusterIPs)
  )
    spec.clusterIPs = [spec.clusterIP, ...ips.slice(1)];
}
