import { parseDurationMs } from './duration';
import { hostWithoutPort, resolveConfigHost, serviceOfHost } from './hosts';
import { pathWithoutQuery } from './http-match';
import { isPresenceMatch } from './string-match';
import type {
  Destination,
  DestinationDecision,
  FaultDecision,
  HeaderManipulation,
  HeaderOperations,
  HTTPMatchRequest,
  HTTPRedirect,
  HTTPRetry,
  HTTPRoute,
  MeshRequest,
  RandomSource,
  RetryDecision,
  RewriteDecision,
  ServiceRef,
} from './types';

/**
 * The parts of a route decision that follow from the chosen rule: where the destination really
 * is, what faults, mirrors, retries and rewrites apply, and where a redirect points.
 */

/** Istio's mesh-wide retry policy, used when a rule sets no `retries`. */
export const meshDefaultRetries: RetryDecision = {
  attempts: 2,
  retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
};

/**
 * Resolves a destination as Istio builds its cluster name: the host relative to the
 * VirtualService's namespace; without a port, the service's only port, else the port the request
 * came in on.
 */
export function resolveDestination(
  destination: Destination,
  virtualServiceNamespace: string,
  request: Pick<MeshRequest, 'port'>,
  services: readonly ServiceRef[],
  clusterDomain: string,
): DestinationDecision {
  const host = resolveConfigHost(destination.host, virtualServiceNamespace, clusterDomain);
  const service = serviceOfHost(host, clusterDomain);
  const registered = service
    ? services.find(
        (candidate) => candidate.name === service.name && candidate.namespace === service.namespace,
      )
    : undefined;
  const onlyPort = registered?.ports?.length === 1 ? registered.ports[0] : undefined;
  const port = destination.port?.number || onlyPort || request.port;
  return {
    host,
    ...(service ? { service } : {}),
    ...(destination.subset ? { subset: destination.subset } : {}),
    port,
  };
}

/**
 * Whether an event with this percentage happens on this request. 0 never and 100 always happen
 * without consuming a draw, so a rule's other draws stay where tests expect them.
 */
export function happens(percentage: number, random: RandomSource): boolean {
  if (percentage <= 0) return false;
  if (percentage >= 100) return true;
  return random() * 100 < percentage;
}

/**
 * The faults injected into this request: delay first, then abort, each drawn on its own.
 * Without a percentage a fault applies to no request (Istio's default of 0 %).
 */
export function drawFault(rule: HTTPRoute, random: RandomSource): FaultDecision | undefined {
  const fault: FaultDecision = {};
  const delay = rule.fault?.delay;
  if (delay) {
    const percentage = delay.percentage ? (delay.percentage.value ?? 0) : (delay.percent ?? 0);
    const delayMs = parseDurationMs(delay.fixedDelay ?? '');
    if (delayMs !== undefined && happens(percentage, random)) fault.delayMs = delayMs;
  }
  const abort = rule.fault?.abort;
  if (abort?.httpStatus !== undefined && happens(abort.percentage?.value ?? 0, random)) {
    fault.abortStatus = abort.httpStatus;
  }
  return fault.delayMs === undefined && fault.abortStatus === undefined ? undefined : fault;
}

/** The configured share of the `mirror` field: absent means 100 %, an explicit 0 disables it. */
export function mirrorFieldPercentage(rule: HTTPRoute): number {
  if (rule.mirrorPercentage) return rule.mirrorPercentage.value ?? 0;
  if (rule.mirrorPercent !== undefined) return rule.mirrorPercent;
  return 100;
}

/** The retry policy of a rule; `attempts: 0` (or unset inside `retries`) disables retries, as in Istio. */
export function retryPolicy(retries: HTTPRetry | undefined): RetryDecision {
  if (!retries) return meshDefaultRetries;
  const attempts = Math.max(0, retries.attempts ?? 0);
  const perTryTimeoutMs = retries.perTryTimeout
    ? parseDurationMs(retries.perTryTimeout)
    : undefined;
  return {
    attempts,
    retryOn: retries.retryOn || meshDefaultRetries.retryOn,
    ...(attempts > 0 && perTryTimeoutMs ? { perTryTimeoutMs } : {}),
  };
}

/**
 * The path Envoy forwards after `rewrite.uri` (a prefix_rewrite): an exact or regex route swaps
 * the whole path and keeps the query; a prefix route swaps only the matched prefix; a route with
 * no uri match is Istio's prefix `/`.
 */
export function rewrittenPath(
  path: string,
  match: HTTPMatchRequest | undefined,
  replacement: string,
): string {
  const uri = match?.uri;
  if (uri && !isPresenceMatch(uri) && uri.exact === undefined && uri.prefix !== undefined) {
    return replacement + path.slice(uri.prefix.length);
  }
  if (uri && !isPresenceMatch(uri)) {
    return replacement + path.slice(pathWithoutQuery(path).length);
  }
  return replacement + path.slice(1);
}

/** The rewrite a rule asks for, with the forwarded path already computed. */
export function rewriteFor(
  rule: HTTPRoute,
  match: HTTPMatchRequest | undefined,
  path: string,
): RewriteDecision | undefined {
  const rewrite = rule.rewrite;
  if (!rewrite) return undefined;
  const decision: RewriteDecision = {};
  if (rewrite.uriRegexRewrite) decision.uriRegexRewrite = { ...rewrite.uriRegexRewrite };
  else if (rewrite.uri) decision.path = rewrittenPath(path, match, rewrite.uri);
  if (rewrite.authority) decision.authority = rewrite.authority;
  return Object.keys(decision).length === 0 ? undefined : decision;
}

function mergeOperations(
  first?: HeaderOperations,
  second?: HeaderOperations,
): HeaderOperations | undefined {
  if (!first && !second) return undefined;
  const merged: HeaderOperations = {};
  const set = { ...first?.set, ...second?.set };
  const add = { ...first?.add, ...second?.add };
  const remove = [...(first?.remove ?? []), ...(second?.remove ?? [])];
  if (Object.keys(set).length > 0) merged.set = set;
  if (Object.keys(add).length > 0) merged.add = add;
  if (remove.length > 0) merged.remove = remove;
  return merged;
}

/** Rule-level header operations followed by the chosen destination's (Istio appends them after). */
export function mergeHeaderManipulation(
  rule?: HeaderManipulation,
  destination?: HeaderManipulation,
): HeaderManipulation | undefined {
  if (!rule && !destination) return undefined;
  const request = mergeOperations(rule?.request, destination?.request);
  const response = mergeOperations(rule?.response, destination?.response);
  return { ...(request ? { request } : {}), ...(response ? { response } : {}) };
}

const defaultPorts: Record<string, number> = { http: 80, https: 443 };

/**
 * The Location of a redirect, as Envoy builds it: scheme, host and port replaced when the
 * redirect says so; the path replaced by `uri`, keeping the request's query unless `uri` has one.
 */
export function redirectLocation(redirect: HTTPRedirect, request: MeshRequest): string {
  const scheme = redirect.scheme || request.scheme;
  let host = redirect.authority || request.host.trim();
  const port =
    redirect.port || (redirect.derivePort === 'FROM_REQUEST_PORT' ? request.port : undefined);
  if (port !== undefined) {
    host = hostWithoutPort(host);
    // Istio leaves out the port a scheme implies.
    if (port !== defaultPorts[scheme]) host = `${host}:${port}`;
  }
  const query = request.path.slice(pathWithoutQuery(request.path).length);
  let path = request.path;
  if (redirect.uri !== undefined)
    path = redirect.uri.includes('?') ? redirect.uri : redirect.uri + query;
  return `${scheme}://${host}${path}`;
}
