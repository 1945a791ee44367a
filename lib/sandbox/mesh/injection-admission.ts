import type { AdmissionCheck } from '../apiserver/core/cluster-hooks';
import { resources, type ClusterClient } from '../apiserver/cluster-client';
import { sidecarWanted } from './injection-policy';

/**
 * Istio's sidecar injector is a mutating webhook: a pod it injects is stored with the
 * `sidecar.istio.io/status` annotation (what it added) and the `security.istio.io/tlsMode` and
 * canonical-service labels, which is how Kiali and Aviary's console tell that a pod carries a
 * sidecar. The sandbox's sidecars run beside the pod rather than as an `istio-proxy` container,
 * so the pod spec keeps its own containers; the annotation and labels are as Istio writes them.
 */
export const injectedStatus = JSON.stringify({
  initContainers: ['istio-init'],
  containers: ['istio-proxy'],
  volumes: [
    'workload-socket',
    'credential-socket',
    'workload-certs',
    'istio-envoy',
    'istio-data',
    'istio-podinfo',
    'istio-token',
    'istiod-ca-cert',
  ],
  imagePullSecrets: null,
  revision: 'default',
});

export function sidecarInjectionAdmission(client: ClusterClient): AdmissionCheck {
  return (type, next, current) => {
    if (type.group !== '' || type.plural !== 'pods' || current) return;
    const namespace = next.metadata.namespace
      ? client.get(resources.namespaces, undefined, next.metadata.namespace)
      : undefined;
    if (!sidecarWanted(next, namespace)) return;
    const labels = next.metadata.labels ?? {};
    next.metadata.annotations = {
      ...next.metadata.annotations,
      'sidecar.istio.io/status': injectedStatus,
    };
    next.metadata.labels = {
      ...labels,
      'security.istio.io/tlsMode': 'istio',
      'service.istio.io/canonical-name':
        labels['service.istio.io/canonical-name'] ??
        labels['app.kubernetes.io/name'] ??
        labels.app ??
        next.metadata.name ??
        '',
      'service.istio.io/canonical-revision':
        labels['service.istio.io/canonical-revision'] ??
        labels['app.kubernetes.io/version'] ??
        labels.version ??
        'latest',
    };
  };
}
