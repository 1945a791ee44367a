/**
 * Whether the stable version can serve what the job sends it. The new version is waited for
 * (make-before-break), but traffic goes back to the stable version at once on rollback, a failed
 * gate or a take-over: if it has no ready pod then, every request routed to it fails with 503 (UH).
 * Aviary still moves traffic as asked (in an emergency the user decides), and says so loudly.
 */
import type { ReleaseCondition } from './release-job';

export interface StableWorkload {
  metadata?: { name?: string };
  spec?: { replicas?: number };
  status?: { readyReplicas?: number };
}

export type StableAvailability = Omit<ReleaseCondition, 'lastTransitionTime'>;

/** The `StableAvailable` condition: True while one pod of the stable version is ready. */
export function stableAvailability(
  stable: StableWorkload | undefined,
  version: string,
  servedVersions: readonly string[],
): StableAvailability {
  const consequence = (until: string) =>
    servedVersions.includes(version)
      ? `requests routed to ${version} fail until ${until}`
      : `no traffic goes to ${version} now, but a rollback would fail until ${until}`;
  if (!stable)
    return {
      type: 'StableAvailable',
      status: 'False',
      reason: 'NotFound',
      message: `no Deployment of version ${version}; ${consequence('it exists')}`,
    };
  const ready = stable.status?.readyReplicas ?? 0;
  const counts = `${stable.metadata?.name ?? version}: ${ready}/${stable.spec?.replicas ?? 0} ready`;
  if (ready > 0)
    return { type: 'StableAvailable', status: 'True', reason: 'PodsReady', message: counts };
  return {
    type: 'StableAvailable',
    status: 'False',
    reason: 'NoReadyPods',
    message: `${counts}; ${consequence('one of its pods is ready')}`,
  };
}
