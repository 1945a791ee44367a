import type { KubeObject } from '../apiserver/types';

/**
 * Who a proxy speaks for, as Istio's metadata exchange describes a workload: the names that end
 * up in the `source_*` and `destination_*` metric labels and on Envoy's spans.
 */
export interface WorkloadIdentity {
  /** The owning Deployment (ReplicaSet name without its pod-template-hash), else the pod name. */
  workload: string;
  namespace: string;
  /** The `app` label ("" when absent, as Istio reports it). */
  app: string;
  /** The `version` label. */
  version: string;
  canonicalService: string;
  canonicalRevision: string;
  /** SPIFFE identity of the pod's service account (auto mTLS between sidecars). */
  principal: string;
  podName: string;
  podIP: string;
  labels: Readonly<Record<string, string>>;
  /** `sidecar~<ip>~<pod>.<ns>~<ns>.svc.cluster.local`, or `router~...` for a gateway. */
  nodeId: string;
}

/** The Kubernetes cluster name Istio reports by default in `source_cluster`/`destination_cluster`. */
export const meshClusterName = 'Kubernetes';

/** The value Istio writes for every identity field of a peer it knows nothing about. */
export const unknown = 'unknown';

export function spiffePrincipal(namespace: string, serviceAccount: string): string {
  return `spiffe://cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}

function nodeIdOf(
  kind: 'sidecar' | 'router',
  podIP: string,
  podName: string,
  namespace: string,
): string {
  return `${kind}~${podIP}~${podName}.${namespace}~${namespace}.svc.cluster.local`;
}

interface OwnerRef {
  kind?: string;
  name?: string;
  controller?: boolean;
}

/** Istio's workload name: a Deployment's pods are named after it, bare pods after themselves. */
function workloadName(pod: KubeObject, labels: Record<string, string>): string {
  const podName = pod.metadata.name ?? '';
  const owners = (pod.metadata.ownerReferences ?? []) as OwnerRef[];
  const owner = owners.find((ref) => ref.controller) ?? owners[0];
  if (!owner?.name) return podName;
  const hash = labels['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return owner.name.slice(0, -(hash.length + 1));
  }
  return owner.name;
}

/** The identity of a pod's sidecar, from the pod's labels, owner and service account. */
export function workloadIdentityOfPod(pod: KubeObject): WorkloadIdentity {
  const labels = { ...(pod.metadata.labels ?? {}) };
  const namespace = pod.metadata.namespace || 'default';
  const podName = pod.metadata.name ?? '';
  const workload = workloadName(pod, labels);
  const spec = (pod.spec ?? {}) as { serviceAccountName?: string };
  const status = (pod.status ?? {}) as { podIP?: string };
  const podIP = status.podIP ?? '';
  return {
    workload,
    namespace,
    app: labels.app ?? '',
    version: labels.version ?? '',
    canonicalService:
      labels['service.istio.io/canonical-name'] ??
      labels['app.kubernetes.io/name'] ??
      labels.app ??
      workload,
    canonicalRevision:
      labels['service.istio.io/canonical-revision'] ??
      labels['app.kubernetes.io/version'] ??
      labels.version ??
      'latest',
    principal: spiffePrincipal(namespace, spec.serviceAccountName || 'default'),
    podName,
    podIP,
    labels,
    nodeId: nodeIdOf('sidecar', podIP, podName, namespace),
  };
}

/** The labels of Istio's default ingress gateway pods, which Gateways select. */
export const ingressGatewayLabels: Readonly<Record<string, string>> = {
  app: 'istio-ingressgateway',
  istio: 'ingressgateway',
};

/**
 * The sandbox's ingress gateway, named as a default Istio install names it, so its metrics read
 * `source_workload="istio-ingressgateway"` in `istio-system` as on a cluster.
 */
export function ingressGatewayIdentity(podIP: string): WorkloadIdentity {
  const namespace = 'istio-system';
  const podName = 'istio-ingressgateway-sandbox';
  return {
    workload: 'istio-ingressgateway',
    namespace,
    app: 'istio-ingressgateway',
    version: '',
    canonicalService: 'istio-ingressgateway',
    canonicalRevision: 'latest',
    principal: spiffePrincipal(namespace, 'istio-ingressgateway-service-account'),
    podName,
    podIP,
    labels: ingressGatewayLabels,
    nodeId: nodeIdOf('router', podIP, podName, namespace),
  };
}
