import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { compileRe2, type HeaderOperations } from '@/lib/domain/istio';

/** Header plumbing shared by the sidecar's two sides and the gateway. */

/** Hop-by-hop headers (RFC 9110) a proxy never forwards; Node sets its own framing headers. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The end-to-end headers of a message, ready to forward. */
export function forwardableHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name)) result[name] = value;
  }
  return result;
}

/** Istio's `headers.request`/`headers.response` operations: remove, then set, then add (append). */
export function applyHeaderOperations(
  headers: OutgoingHttpHeaders,
  operations: HeaderOperations | undefined,
): void {
  if (!operations) return;
  for (const name of operations.remove ?? []) delete headers[name.toLowerCase()];
  for (const [name, value] of Object.entries(operations.set ?? {}))
    headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(operations.add ?? {})) {
    const key = name.toLowerCase();
    const existing = headers[key];
    headers[key] =
      existing === undefined
        ? value
        : [...(Array.isArray(existing) ? existing : [String(existing)]), value];
  }
}

/** The Host of a mirrored request: Envoy appends `-shadow` to the host name, before any port. */
export function shadowAuthority(authority: string): string {
  const match = /^(.*?)(:\d+)?$/.exec(authority);
  return `${match?.[1] ?? authority}-shadow${match?.[2] ?? ''}`;
}

/**
 * `rewrite.uriRegexRewrite`: the RE2 pattern replaced everywhere in the path (query kept),
 * `\1`-style references as Envoy's regex_rewrite takes them.
 */
export function regexRewrittenPath(
  path: string,
  rewrite: { match?: string; rewrite?: string },
): string {
  if (!rewrite.match) return path;
  const compiled = compileRe2(rewrite.match);
  if (!compiled.ok) return path;
  const queryAt = path.indexOf('?');
  const bare = queryAt === -1 ? path : path.slice(0, queryAt);
  const query = queryAt === -1 ? '' : path.slice(queryAt);
  const replacement = (rewrite.rewrite ?? '').replace(/\\(\d)/g, '$$$1');
  return compiled.regex.matcher(bare).replaceAll(replacement) + query;
}

/** Lower-cased headers as the routing function reads them: repeated values joined by ",". */
export function routingHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return result;
}
