/** Pod readiness and availability, as `podutil.IsPodReady` and `IsPodAvailable` judge them. */
import { timeMs } from './object-meta';
import type { Pod } from './workload-types';

/** The pod's Ready condition, if it has one. */
export function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** Whether the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/**
 * Whether the pod has been ready for at least `minReadySeconds` at `nowMs`. With 0 a ready pod
 * is available at once.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const ready = readyCondition(pod);
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = timeMs(ready.lastTransitionTime);
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= nowMs;
}

/**
 * How long until a ready pod becomes available, in ms; undefined when it is not ready or already
 * available. Controllers requeue after this so availability shows without another event.
 */
export function msUntilAvailable(
  pod: Pod,
  minReadySeconds: number,
  nowMs: number,
): number | undefined {
  const ready = readyCondition(pod);
  if (ready?.status !== 'True' || minReadySeconds <= 0) return undefined;
  const since = timeMs(ready.lastTransitionTime);
  if (Number.isNaN(since)) return undefined;
  const left = since + minReadySeconds * 1000 - nowMs;
  return left > 0 ? left : undefined;
}

/** Whether the pod still counts towards its ReplicaSet: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}
