import type { KubeObject } from '../apiserver/types';

/**
 * Istio's sidecar injection decision (the injector webhook's `injectRequired` with the default
 * policy `enabled`): a namespace labelled `istio-injection=disabled` never gets sidecars; otherwise
 * the pod's own say wins (label, then the annotation the contract names), then the namespace's
 * `istio-injection=enabled` or revision label. Pods on the host network never get one.
 */

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const normalized = value.trim().toLowerCase();
  if (['true', 'y', 'yes', 'on', 'enabled'].includes(normalized)) return true;
  if (['false', 'n', 'no', 'off', 'disabled'].includes(normalized)) return false;
  return undefined;
}

/** Whether a pod in this namespace gets a sidecar. */
export function sidecarWanted(pod: KubeObject, namespace: KubeObject | undefined): boolean {
  const spec = (pod.spec ?? {}) as { hostNetwork?: boolean };
  if (spec.hostNetwork) return false;
  const podSays =
    flag(pod.metadata.labels?.['sidecar.istio.io/inject']) ??
    flag(pod.metadata.annotations?.['sidecar.istio.io/inject']);
  const namespaceLabels = namespace?.metadata.labels ?? {};
  const namespaceInjection = namespaceLabels['istio-injection'];
  // Istio's webhook does not even see pods of a namespace labelled "disabled".
  if (namespaceInjection === 'disabled') return false;
  if (podSays !== undefined) return podSays;
  return namespaceInjection === 'enabled' || namespaceLabels['istio.io/rev'] !== undefined;
}
