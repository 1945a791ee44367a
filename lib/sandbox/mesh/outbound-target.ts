import type { IncomingMessage } from 'node:http';

/**
 * Where an application's outbound request is going, read as Envoy's outbound listener reads it:
 * an absolute-URI request line (`GET http://reviews:9080/x`, what HTTP_PROXY clients send) or an
 * origin-form path with the Host header (`GET /x` + `Host: reviews:9080`).
 * @returns undefined when neither names a host.
 */
export function readOutboundTarget(
  req: Pick<IncomingMessage, 'url' | 'headers'>,
): { authority: string; port: number; path: string } | undefined {
  const url = req.url ?? '/';
  if (/^https?:\/\//i.test(url)) {
    try {
      const parsed = new URL(url);
      const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
      return { authority: parsed.host, port, path: `${parsed.pathname}${parsed.search}` };
    } catch {
      return undefined;
    }
  }
  const host = req.headers.host;
  if (!host) return undefined;
  const portMatch = /:(\d+)$/.exec(host);
  return { authority: host, port: portMatch ? Number(portMatch[1]) : 80, path: url };
}
