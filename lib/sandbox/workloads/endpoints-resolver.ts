/**
 * Resolves a service name to a loopback address without a sidecar, as kube-proxy would: the
 * Service's port -> its Endpoints' ready addresses on the matching port -> the loopback port the
 * PodNetwork maps that pod address to. One ready endpoint is picked at random per call.
 */
import { resources, type ClusterClient } from '../apiserver/cluster-client';
import type { PodNetwork } from '../contracts/pod-network';
import type { Endpoints, Service } from '../controllers/workload-types';
import type { ConnectTarget } from './outbound-fetch';

/** Where `host:port`, as seen from a pod in `namespace`, really listens. */
export type ServiceResolver = (
  namespace: string,
  host: string,
  port: number,
) => ConnectTarget | Promise<ConnectTarget>;

/** `reviews`, `reviews.ns`, `reviews.ns.svc`, `reviews.ns.svc.cluster.local` -> name and namespace. */
export function parseServiceHost(
  host: string,
  namespace: string,
): { name: string; namespace: string } | undefined {
  const labels = host.toLowerCase().split('.');
  const [name, ns] = labels;
  if (!name) return undefined;
  const rest = labels.slice(2).join('.');
  if (rest !== '' && rest !== 'svc' && rest !== 'svc.cluster.local') return undefined;
  return { name, namespace: ns || namespace };
}

export function resolveViaEndpoints(
  client: () => ClusterClient,
  network: PodNetwork,
  random: () => number = Math.random,
): ServiceResolver {
  return (fromNamespace, host, port) => {
    const refused = (why: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (${why})`), {
        code: 'ECONNREFUSED',
      });
    const id = parseServiceHost(host, fromNamespace);
    if (!id) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    const service = client().get(resources.services, id.namespace, id.name) as Service | undefined;
    if (!service)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    const servicePort = service.spec.ports?.find((p) => p.port === port);
    if (!servicePort) throw refused('no such service port');
    const endpoints = client().get(resources.endpoints, id.namespace, id.name) as
      Endpoints | undefined;
    const candidates: Array<{ ip: string; port: number }> = [];
    for (const subset of endpoints?.subsets ?? []) {
      const match = subset.ports?.find((p) =>
        servicePort.name ? p.name === servicePort.name : true,
      );
      if (!match) continue;
      for (const address of subset.addresses ?? [])
        candidates.push({ ip: address.ip, port: match.port });
    }
    const reachable = candidates
      .map((c) => network.resolve(c.ip, c.port))
      .filter((p): p is number => p !== undefined);
    if (reachable.length === 0) throw refused('no ready endpoints');
    return { host: '127.0.0.1', port: reachable[Math.floor(random() * reachable.length)]! };
  };
}
