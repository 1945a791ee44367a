import { hostWithoutPort } from '@/lib/domain/istio/hosts';
import type { Gateway } from '@/lib/domain/istio';

/**
 * Which Gateway servers an ingress gateway pod serves, and which of them accept a request. The
 * sandbox has one gateway listener for every declared port (a cluster maps its gateway Service
 * ports onto them), so a request is offered to every server whose hosts accept its authority.
 */
export interface GatewayServerMatch {
  /** `<namespace>/<name>`, the form VirtualServices' `gateways` resolve to. */
  gateway: string;
  /** The port number the server declares (Bookinfo: 8080). */
  port: number;
}

function selects(
  selector: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector ?? {}).every(([name, value]) => labels[name] === value);
}

/** A server host (`*`, `*.example.com`, `example.com`, optionally `ns/` first) against a host name. */
export function serverHostAccepts(serverHost: string, host: string): boolean {
  const pattern = (
    serverHost.includes('/') ? serverHost.slice(serverHost.indexOf('/') + 1) : serverHost
  ).toLowerCase();
  if (pattern === '*') return true;
  if (pattern.startsWith('*.'))
    return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/** The (gateway, port) pairs that accept a request's authority, oldest Gateway first. */
export function matchingGatewayServers(
  gateways: readonly Gateway[],
  gatewayLabels: Readonly<Record<string, string>>,
  authority: string,
): GatewayServerMatch[] {
  const host = hostWithoutPort(authority);
  const ordered = [...gateways].sort(
    (a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  const matches: GatewayServerMatch[] = [];
  for (const gateway of ordered) {
    if (!selects(gateway.spec.selector, gatewayLabels)) continue;
    const name = `${gateway.metadata.namespace || 'default'}/${gateway.metadata.name}`;
    for (const server of gateway.spec.servers ?? []) {
      const protocol = (server.port.protocol ?? 'HTTP').toUpperCase();
      if (protocol !== 'HTTP' && protocol !== 'HTTP2') continue;
      if (server.hosts.some((serverHost) => serverHostAccepts(serverHost, host))) {
        matches.push({ gateway: name, port: server.port.number });
      }
    }
  }
  return matches;
}
