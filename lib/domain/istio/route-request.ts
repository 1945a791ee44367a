import { findSubset } from './destination-rules';
import { parseDurationMs } from './duration';
import { defaultClusterDomain, objectNamespace, serviceAddressedBy } from './hosts';
import { matchBlockHolds } from './http-match';
import {
  drawFault,
  happens,
  meshDefaultRetries,
  mergeHeaderManipulation,
  mirrorFieldPercentage,
  redirectLocation,
  resolveDestination,
  retryPolicy,
  rewriteFor,
} from './route-actions';
import { routeTableFor, type ProxyRoute } from './route-table';
import { chooseWeighted } from './weighted-choice';
import {
  meshGateway,
  type Destination,
  type MeshRequest,
  type MirrorDecision,
  type NoRouteDecision,
  type RandomSource,
  type RoutingConfig,
  type RoutingDecision,
  type RuleOrigin,
} from './types';

/**
 * THE definition of how Istio routes one HTTP request, shared by the sandbox's sidecars and
 * ingress gateway and by the console's validation. Draws from `random`, in this order and only
 * when a share is strictly between 0 and 100 %: the weighted destination, the fault delay, the
 * fault abort, then each mirror.
 */

const noRoute: NoRouteDecision = { kind: 'no-route', status: 404, responseFlags: 'NR' };

interface RoutingContext {
  request: MeshRequest;
  config: RoutingConfig;
  clusterDomain: string;
  random: RandomSource;
}

/** Envoy's route name: the rule's name, plus `.name` of the match block when it has one. */
function routeNameOf(route: ProxyRoute): string {
  const matchName = route.match?.name;
  return matchName ? `${route.rule.name ?? ''}.${matchName}` : (route.rule.name ?? '');
}

function originOf(route: ProxyRoute): RuleOrigin {
  return {
    virtualService: {
      name: route.virtualService.metadata.name,
      namespace: objectNamespace(route.virtualService),
    },
    ruleIndex: route.ruleIndex,
    ...(route.rule.name ? { ruleName: route.rule.name } : {}),
    ...(route.matchIndex !== undefined ? { matchIndex: route.matchIndex } : {}),
  };
}

/** Whether a subset-less destination, or the subset a destination names, exists for the mesh. */
function subsetDefined(context: RoutingContext, host: string, subset: string | undefined): boolean {
  return (
    !subset ||
    findSubset(context.config.destinationRules, host, subset, context.clusterDomain) !== undefined
  );
}

function drawMirrors(route: ProxyRoute, context: RoutingContext): MirrorDecision[] {
  const { rule, virtualService } = route;
  const configured: { destination: Destination; percentage: number }[] = [];
  if (rule.mirror)
    configured.push({ destination: rule.mirror, percentage: mirrorFieldPercentage(rule) });
  for (const mirror of rule.mirrors ?? []) {
    configured.push({
      destination: mirror.destination,
      percentage: mirror.percentage?.value ?? 100,
    });
  }
  const fired: MirrorDecision[] = [];
  for (const { destination, percentage } of configured) {
    if (!happens(percentage, context.random)) continue;
    const resolved = resolveDestination(
      destination,
      objectNamespace(virtualService),
      context.request,
      context.config.services ?? [],
      context.clusterDomain,
    );
    // Envoy cannot mirror to a cluster that does not exist; the original request is unaffected.
    if (subsetDefined(context, resolved.host, resolved.subset))
      fired.push({ destination: resolved, percentage });
  }
  return fired;
}

/** The body of a direct response: `string` as is, `bytes` base64-decoded (undecodable: no body). */
function directResponseBody(
  body: { string?: string; bytes?: string } | undefined,
): string | undefined {
  if (body?.string !== undefined) return body.string;
  if (body?.bytes === undefined) return undefined;
  try {
    return atob(body.bytes);
  } catch {
    return undefined;
  }
}

function decideForRoute(route: ProxyRoute, context: RoutingContext): RoutingDecision {
  const { rule, virtualService } = route;
  const origin = originOf(route);
  if (rule.redirect) {
    return {
      kind: 'redirect',
      ...origin,
      status: rule.redirect.redirectCode || 301,
      location: redirectLocation(rule.redirect, context.request),
    };
  }
  if (rule.directResponse) {
    const text = directResponseBody(rule.directResponse.body);
    return {
      kind: 'direct-response',
      ...origin,
      status: rule.directResponse.status,
      ...(text !== undefined ? { body: text } : {}),
    };
  }
  const entries = rule.route ?? [];
  const chosen = chooseWeighted(entries, context.random);
  const entry = chosen === undefined ? undefined : entries[chosen];
  if (!entry) return { kind: 'no-cluster', status: 503, responseFlags: 'NC', ...origin };
  const destination = resolveDestination(
    entry.destination,
    objectNamespace(virtualService),
    context.request,
    context.config.services ?? [],
    context.clusterDomain,
  );
  if (!subsetDefined(context, destination.host, destination.subset)) {
    return { kind: 'no-cluster', status: 503, responseFlags: 'NC', ...origin, destination };
  }
  const fault = drawFault(rule, context.random);
  const mirrors = drawMirrors(route, context);
  const timeoutMs = rule.timeout ? parseDurationMs(rule.timeout) : undefined;
  const rewrite = rewriteFor(rule, route.match, context.request.path);
  const headers = mergeHeaderManipulation(rule.headers, entry.headers);
  return {
    kind: 'route',
    ...origin,
    routeName: routeNameOf(route),
    destination,
    mirrors,
    ...(fault ? { fault } : {}),
    // A zero timeout is Envoy's "no timeout".
    ...(timeoutMs ? { timeoutMs } : {}),
    retries: retryPolicy(rule.retries),
    ...(rewrite ? { rewrite } : {}),
    ...(headers ? { headers } : {}),
  };
}

/**
 * Istio's default when no VirtualService applies: a sidecar sends the request to the addressed
 * service, every version alike (the data plane then spreads it over all ready pods); a gateway
 * has no route without a VirtualService, and an unknown host has none either (for a sidecar the
 * outbound traffic policy then decides: `unregisteredHost`).
 */
function defaultRoute(context: RoutingContext): RoutingDecision {
  const { request, config, clusterDomain } = context;
  if (request.gateway !== meshGateway) return noRoute;
  const service = serviceAddressedBy(
    request.host,
    request.sourceNamespace,
    config.services ?? [],
    clusterDomain,
  );
  if (!service) return { ...noRoute, unregisteredHost: true };
  return {
    kind: 'route',
    routeName: 'default',
    destination: resolveDestination(
      { host: `${service.name}.${service.namespace}.svc.${clusterDomain}` },
      service.namespace,
      request,
      config.services ?? [],
      clusterDomain,
    ),
    mirrors: [],
    retries: meshDefaultRetries,
  };
}

/**
 * Routes one HTTP request as Istio would: picks the VirtualServices that apply to the request's
 * host and gateway, takes the FIRST rule with a match block that holds, and turns it into a
 * decision (a destination with its faults, mirrors, retries and rewrites; a redirect; a direct
 * response). No VirtualService: the service's default route. No rule holds: 404 `NR`. A subset
 * no DestinationRule defines: 503 `NC`.
 * @param random a source in [0, 1) (Math.random in production, a seeded generator in tests).
 */
export function routeRequest(
  request: MeshRequest,
  config: RoutingConfig,
  random: RandomSource,
): RoutingDecision {
  const context: RoutingContext = {
    request,
    config,
    clusterDomain: config.clusterDomain ?? defaultClusterDomain,
    random,
  };
  const table = routeTableFor(request, config.virtualServices, context.clusterDomain);
  if (table.length === 0) return defaultRoute(context);
  const route = table.find(
    (candidate) => !candidate.match || matchBlockHolds(candidate.match, request),
  );
  return route ? decideForRoute(route, context) : noRoute;
}
