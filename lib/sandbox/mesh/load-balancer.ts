import { pickPod, type RandomSource } from '@/lib/domain/istio';
import type { UpstreamCluster, UpstreamEndpoint } from './upstream-cluster';

/**
 * Picks the pod inside a cluster for one attempt. RANDOM draws from the mesh's random source;
 * ROUND_ROBIN and LEAST_REQUEST (Istio's default, which on an idle in-process mesh behaves like
 * round robin) rotate per cluster. A retry avoids the hosts already tried when it can, as Istio's
 * default `previous_hosts` retry predicate does.
 */
export interface LoadBalancer {
  pick(cluster: UpstreamCluster, tried: ReadonlySet<string>): UpstreamEndpoint | undefined;
}

export const endpointKey = (endpoint: UpstreamEndpoint): string =>
  `${endpoint.podIP}:${endpoint.port}`;

export function createLoadBalancer(random: RandomSource): LoadBalancer {
  const cursors = new Map<string, number>();
  return {
    pick(cluster, tried) {
      const fresh = cluster.endpoints.filter((endpoint) => !tried.has(endpointKey(endpoint)));
      const pool = fresh.length > 0 ? fresh : cluster.endpoints;
      if (pool.length <= 1) return pool[0];
      if (cluster.loadBalancer === 'RANDOM') return pickPod(pool, random);
      const cursor = cursors.get(cluster.name) ?? 0;
      cursors.set(cluster.name, cursor + 1);
      return pool[cursor % pool.length];
    },
  };
}
