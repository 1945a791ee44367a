import { resources, type ClusterClient } from '../apiserver/cluster-client';
import { ApiError } from '../apiserver/errors';
import { aggregateClusterRoles } from '../auth/aggregation';
import type { ClusterRole } from '../auth/rbac-types';

/**
 * Recomputes every aggregated ClusterRole from the stored ClusterRoles and writes back those whose
 * rules changed. Returns the names written. A 409 (someone wrote the role since the list) is left
 * to the next run, which that write's own watch event triggers.
 */
export function syncAggregatedClusterRoles(client: ClusterClient): string[] {
  const stored = client.list(resources.clusterroles).items as ClusterRole[];
  const aggregated = aggregateClusterRoles(stored);
  const written: string[] = [];
  aggregated.forEach((role, i) => {
    // aggregateClusterRoles returns the same object for every role it left unchanged.
    if (role === stored[i]) return;
    try {
      client.update(resources.clusterroles, role);
      written.push(role.metadata.name!);
    } catch (error) {
      if (!(error instanceof ApiError && (error.code === 409 || error.code === 404))) throw error;
    }
  });
  return written;
}

/**
 * The clusterrole-aggregation controller: runs one sync at once (so the API server starts with
 * `admin`, `edit` and `view` filled in), then one more after every batch of ClusterRole changes.
 * Events of one batch (a single turn of the event loop) are folded into one sync, and the
 * controller's own writes come back as events whose sync finds nothing to change, which ends the loop.
 */
export function startAggregationController(
  client: ClusterClient,
  onError: (error: unknown) => void,
): { stop(): void } {
  const { resourceVersion } = client.list(resources.clusterroles);
  syncAggregatedClusterRoles(client);
  let scheduled = false;
  let stopped = false;
  const stopWatch = client.watch(resources.clusterroles, { resourceVersion }, () => {
    if (scheduled || stopped) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (stopped) return;
      try {
        syncAggregatedClusterRoles(client);
      } catch (error) {
        onError(error);
      }
    });
  });
  return {
    stop() {
      stopped = true;
      stopWatch();
    },
  };
}
