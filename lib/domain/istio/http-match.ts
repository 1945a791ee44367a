import { gatewayMatches, resolveGatewayName } from './hosts';
import { evaluateStringMatch, isPresenceMatch } from './string-match';
import type { HTTPMatchRequest, MeshRequest, StringMatch } from './types';

/**
 * One HTTPMatchRequest block against one request. Istio splits a block in two: `port`,
 * `gateways`, `sourceLabels` and `sourceNamespace` decide whether the block is configured on the
 * proxy at all (they describe the caller, not the request), the rest becomes Envoy's per-request
 * route match. Every condition of a block must hold (AND).
 */

/**
 * Whether Istio configures this block on the proxy handling the request (Istio's
 * `sourceMatchHTTP` and port filter): when the block lists `gateways`, only they count and the
 * source fields are ignored, exactly as Istio does.
 */
export function matchBlockAppliesToProxy(
  match: HTTPMatchRequest,
  request: MeshRequest,
  virtualServiceNamespace: string,
): boolean {
  if (match.port !== undefined && match.port !== 0 && match.port !== request.port) return false;
  if (match.gateways && match.gateways.length > 0) {
    return match.gateways.some((gateway) =>
      gatewayMatches(resolveGatewayName(gateway, virtualServiceNamespace), request.gateway),
    );
  }
  const labelsHold = Object.entries(match.sourceLabels ?? {}).every(
    ([name, value]) => request.sourceLabels[name] === value,
  );
  return (
    labelsHold && (!match.sourceNamespace || match.sourceNamespace === request.sourceNamespace)
  );
}

/** A header's value as Envoy matches it: repeated values joined with ",", absent as undefined. */
export function headerValue(request: MeshRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(',');
}

/** `:path` without its query string (and fragment): what `exact` and `regex` uri matches see. */
export function pathWithoutQuery(path: string): string {
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

function decodeQueryComponent(text: string): string {
  // Envoy percent-decodes query values but, unlike HTML forms, leaves "+" alone.
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The first value of a query parameter (Envoy's rule for repeated names), or undefined. */
export function queryParamValue(path: string, name: string): string | undefined {
  const start = path.indexOf('?');
  if (start === -1) return undefined;
  const query = path.slice(start + 1).split('#')[0] ?? '';
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decodeQueryComponent(equals === -1 ? pair : pair.slice(0, equals));
    if (key === name) return equals === -1 ? '' : decodeQueryComponent(pair.slice(equals + 1));
  }
  return undefined;
}

/**
 * Envoy's uri match: `exact` and `regex` see the path without the query string, but `prefix` sees
 * the whole `:path`, query included (so a prefix may even reach into the query).
 */
function uriMatches(match: StringMatch, path: string, ignoreCase: boolean): boolean {
  if (isPresenceMatch(match)) return true;
  const value =
    match.exact === undefined && match.prefix !== undefined ? path : pathWithoutQuery(path);
  return evaluateStringMatch(match, value, { ignoreCase });
}

function everyEntry(
  map: Record<string, StringMatch> | undefined,
  holds: (name: string, match: StringMatch) => boolean,
): boolean {
  return Object.entries(map ?? {}).every(([name, match]) => holds(name, match));
}

/** Whether the per-request conditions of a block (uri, method, authority, scheme, headers, query) all hold. */
export function matchBlockHolds(match: HTTPMatchRequest, request: MeshRequest): boolean {
  if (match.uri && !uriMatches(match.uri, request.path, match.ignoreUriCase === true)) return false;
  if (match.method && !evaluateStringMatch(match.method, request.method)) return false;
  if (match.authority && !evaluateStringMatch(match.authority, request.host)) return false;
  if (match.scheme && !evaluateStringMatch(match.scheme, request.scheme)) return false;
  const headersHold = everyEntry(match.headers, (name, headerMatch) =>
    evaluateStringMatch(headerMatch, headerValue(request, name)),
  );
  if (!headersHold) return false;
  // Envoy inverts these; Istio sets treat_missing_header_as_empty unless it is a presence check.
  const withoutHeadersHold = everyEntry(match.withoutHeaders, (name, headerMatch) => {
    const value = headerValue(request, name);
    return !evaluateStringMatch(headerMatch, isPresenceMatch(headerMatch) ? value : (value ?? ''));
  });
  if (!withoutHeadersHold) return false;
  return everyEntry(match.queryParams, (name, queryMatch) =>
    evaluateStringMatch(queryMatch, queryParamValue(request.path, name)),
  );
}
