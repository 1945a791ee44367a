import {
  gatewayMatches,
  hostMatchScore,
  objectNamespace,
  requestHostNames,
  resolveConfigHost,
  resolveGatewayName,
} from './hosts';
import { matchBlockAppliesToProxy } from './http-match';
import {
  meshGateway,
  type HTTPMatchRequest,
  type HTTPRoute,
  type MeshRequest,
  type VirtualService,
} from './types';

/**
 * The ordered HTTP routes a proxy holds for the host a request addresses: which VirtualServices
 * apply (gateway binding, most specific host, creation order) and which of their match blocks
 * Istio configures on that proxy.
 */

/** One Envoy route: a rule together with one of its match blocks (or none, for a rule without `match`). */
export interface ProxyRoute {
  virtualService: VirtualService;
  ruleIndex: number;
  rule: HTTPRoute;
  matchIndex?: number;
  match?: HTTPMatchRequest;
}

/** Whether a VirtualService is bound to the gateway a request came through (`mesh` when `gateways` is absent). */
export function virtualServiceAppliesToGateway(
  virtualService: VirtualService,
  requestGateway: string,
): boolean {
  const gateways = virtualService.spec.gateways?.length
    ? virtualService.spec.gateways
    : [meshGateway];
  const namespace = objectNamespace(virtualService);
  return gateways.some((gateway) =>
    gatewayMatches(resolveGatewayName(gateway, namespace), requestGateway),
  );
}

/**
 * The routes Istio builds from one VirtualService for this proxy (Istio's
 * BuildHTTPRoutesForVirtualService): one per match block that survives the port, gateway and
 * source filters, one for a rule without match; a rule whose blocks all drop out vanishes.
 */
export function proxyRoutesOf(virtualService: VirtualService, request: MeshRequest): ProxyRoute[] {
  const namespace = objectNamespace(virtualService);
  const routes: ProxyRoute[] = [];
  (virtualService.spec.http ?? []).forEach((rule, ruleIndex) => {
    if (!rule.match || rule.match.length === 0) {
      routes.push({ virtualService, ruleIndex, rule });
      return;
    }
    rule.match.forEach((match, matchIndex) => {
      if (matchBlockAppliesToProxy(match, request, namespace)) {
        routes.push({ virtualService, ruleIndex, rule, matchIndex, match });
      }
    });
  });
  return routes;
}

/** Istio orders configs by creation time, then name, then namespace. */
function compareByCreation(a: VirtualService, b: VirtualService): number {
  const byTime = (a.metadata.creationTimestamp ?? '').localeCompare(
    b.metadata.creationTimestamp ?? '',
  );
  if (byTime !== 0) return byTime;
  const byName = a.metadata.name.localeCompare(b.metadata.name);
  return byName !== 0 ? byName : objectNamespace(a).localeCompare(objectNamespace(b));
}

/** How specifically a VirtualService's hosts match the request's authority (-1: not at all). */
export function virtualServiceHostScore(
  virtualService: VirtualService,
  request: Pick<MeshRequest, 'host' | 'sourceNamespace'>,
  clusterDomain?: string,
): number {
  const names = requestHostNames(request.host, request.sourceNamespace, clusterDomain);
  const namespace = objectNamespace(virtualService);
  return Math.max(
    -1,
    ...(virtualService.spec.hosts ?? []).map((host) =>
      hostMatchScore(resolveConfigHost(host, namespace, clusterDomain), names),
    ),
  );
}

/** What choosing VirtualServices needs to know about a request or a connection. */
export type ProxyTarget = Pick<
  MeshRequest,
  'host' | 'port' | 'sourceLabels' | 'sourceNamespace' | 'gateway'
>;

/**
 * The routes, in evaluation order, that the VirtualServices give a proxy for one target. Among
 * the VirtualServices bound to the target's gateway that yield routes on this proxy, those whose
 * host matches most specifically win (Envoy picks one virtual host per authority). A gateway
 * merges several such VirtualServices in creation order; a sidecar keeps only the oldest (Istio
 * drops the duplicate virtual host), which is why Kiali warns about more than one VirtualService
 * per host.
 */
export function routesOfWinningVirtualServices<Route>(
  target: ProxyTarget,
  virtualServices: readonly VirtualService[],
  routesOf: (virtualService: VirtualService) => Route[],
  clusterDomain?: string,
): Route[] {
  let bestScore = -1;
  let winners: { virtualService: VirtualService; routes: Route[] }[] = [];
  for (const virtualService of virtualServices) {
    if (!virtualServiceAppliesToGateway(virtualService, target.gateway)) continue;
    const score = virtualServiceHostScore(virtualService, target, clusterDomain);
    if (score < 0 || score < bestScore) continue;
    const routes = routesOf(virtualService);
    if (routes.length === 0) continue;
    if (score > bestScore) {
      bestScore = score;
      winners = [];
    }
    winners.push({ virtualService, routes });
  }
  winners.sort((a, b) => compareByCreation(a.virtualService, b.virtualService));
  const used = target.gateway === meshGateway ? winners.slice(0, 1) : winners;
  return used.flatMap((winner) => winner.routes);
}

/** The HTTP routes, in evaluation order, for a request. */
export function routeTableFor(
  request: MeshRequest,
  virtualServices: readonly VirtualService[],
  clusterDomain?: string,
): ProxyRoute[] {
  return routesOfWinningVirtualServices(
    request,
    virtualServices,
    (virtualService) => proxyRoutesOf(virtualService, request),
    clusterDomain,
  );
}
