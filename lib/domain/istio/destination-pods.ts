import type { RandomSource } from './types';

/** What endpoint selection needs to know about a pod; callers pass their own richer pod objects. */
export interface EndpointPod {
  labels?: Readonly<Record<string, string>>;
  ready: boolean;
}

function selects(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector).every(([name, value]) => labels[name] === value);
}

/**
 * The ready pods that may serve a destination: selected by the Service's selector AND by the
 * subset's labels (no subset: every version, Istio's default). A Service with an empty selector
 * gets no endpoints from pods, as in Kubernetes. An empty result means Envoy answers 503 `UH`.
 */
export function podsForDestination<Pod extends EndpointPod>(
  pods: readonly Pod[],
  serviceSelector: Readonly<Record<string, string>>,
  subsetLabels?: Readonly<Record<string, string>>,
): Pod[] {
  if (Object.keys(serviceSelector).length === 0) return [];
  return pods.filter((pod) => {
    const labels = pod.labels ?? {};
    return pod.ready && selects(serviceSelector, labels) && selects(subsetLabels ?? {}, labels);
  });
}

/**
 * Picks the pod for one request among those that may serve it, uniformly at random (Envoy's
 * default for Istio is LEAST_REQUEST, which on an idle in-process mesh spreads like random).
 * @returns undefined when no pod remains (503 `UH`).
 */
export function pickPod<Pod>(pods: readonly Pod[], random: RandomSource): Pod | undefined {
  if (pods.length === 0) return undefined;
  return pods[Math.min(pods.length - 1, Math.floor(random() * pods.length))];
}
