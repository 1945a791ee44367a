import { findSubset } from './destination-rules';
import {
  defaultClusterDomain,
  gatewayMatches,
  objectNamespace,
  resolveGatewayName,
  serviceAddressedBy,
} from './hosts';
import { resolveDestination } from './route-actions';
import { routesOfWinningVirtualServices, type ProxyTarget } from './route-table';
import { chooseWeighted } from './weighted-choice';
import {
  meshGateway,
  type DestinationDecision,
  type L4MatchAttributes,
  type RandomSource,
  type RoutingConfig,
  type TCPRoute,
  type VirtualService,
  type VirtualServiceRef,
} from './types';

/**
 * `tcp[]` routes: a TCP connection has no headers or path, so a rule matches on the port and on
 * who is calling (the same proxy-selecting fields as HTTP). Bookinfo's ratings v2 talking to
 * MySQL or MongoDB is the case the sandbox meets.
 */

/** A TCP connection: the service host the caller dialled, its port, and who the caller is. */
export type TcpConnection = ProxyTarget;

export type TcpRoutingDecision =
  | {
      kind: 'route';
      virtualService?: VirtualServiceRef;
      ruleIndex?: number;
      destination: DestinationDecision;
    }
  | {
      kind: 'no-cluster';
      responseFlags: 'NC';
      virtualService: VirtualServiceRef;
      ruleIndex: number;
      destination?: DestinationDecision;
    }
  | { kind: 'no-route'; responseFlags: 'NR' };

interface TcpRule {
  virtualService: VirtualService;
  ruleIndex: number;
  rule: TCPRoute;
}

/** Istio's L4 source match: port, then gateways (which hide the source fields), then caller. */
function l4MatchHolds(
  match: L4MatchAttributes,
  connection: TcpConnection,
  namespace: string,
): boolean {
  if (match.port && match.port !== connection.port) return false;
  if (match.gateways?.length) {
    return match.gateways.some((gateway) =>
      gatewayMatches(resolveGatewayName(gateway, namespace), connection.gateway),
    );
  }
  const labelsHold = Object.entries(match.sourceLabels ?? {}).every(
    ([name, value]) => connection.sourceLabels[name] === value,
  );
  return (
    labelsHold && (!match.sourceNamespace || match.sourceNamespace === connection.sourceNamespace)
  );
}

function tcpRulesFor(virtualService: VirtualService, connection: TcpConnection): TcpRule[] {
  const namespace = objectNamespace(virtualService);
  return (virtualService.spec.tcp ?? []).flatMap((rule, ruleIndex) => {
    const holds =
      !rule.match?.length || rule.match.some((match) => l4MatchHolds(match, connection, namespace));
    return holds ? [{ virtualService, ruleIndex, rule }] : [];
  });
}

/**
 * Routes one TCP connection: the first `tcp[]` rule of the applicable VirtualService whose match
 * holds, its destination drawn by weight. Without a rule, a sidecar connects to the dialled
 * service (every version); a gateway, or an unknown host, has no route.
 * @param random a source in [0, 1), drawn only when several destinations weigh more than zero.
 */
export function routeTcpConnection(
  connection: TcpConnection,
  config: RoutingConfig,
  random: RandomSource,
): TcpRoutingDecision {
  const clusterDomain = config.clusterDomain ?? defaultClusterDomain;
  const services = config.services ?? [];
  const [first] = routesOfWinningVirtualServices(
    connection,
    config.virtualServices,
    (virtualService) => tcpRulesFor(virtualService, connection),
    clusterDomain,
  );
  if (!first) {
    if (connection.gateway !== meshGateway) return { kind: 'no-route', responseFlags: 'NR' };
    const service = serviceAddressedBy(
      connection.host,
      connection.sourceNamespace,
      services,
      clusterDomain,
    );
    if (!service) return { kind: 'no-route', responseFlags: 'NR' };
    const host = `${service.name}.${service.namespace}.svc.${clusterDomain}`;
    return {
      kind: 'route',
      destination: resolveDestination(
        { host },
        service.namespace,
        connection,
        services,
        clusterDomain,
      ),
    };
  }
  const origin = {
    virtualService: {
      name: first.virtualService.metadata.name,
      namespace: objectNamespace(first.virtualService),
    },
    ruleIndex: first.ruleIndex,
  };
  const entries = first.rule.route ?? [];
  const entry = entries[chooseWeighted(entries, random) ?? -1];
  if (!entry) return { kind: 'no-cluster', responseFlags: 'NC', ...origin };
  const destination = resolveDestination(
    entry.destination,
    objectNamespace(first.virtualService),
    connection,
    services,
    clusterDomain,
  );
  const subsetMissing =
    destination.subset !== undefined &&
    !findSubset(config.destinationRules, destination.host, destination.subset, clusterDomain);
  return subsetMissing
    ? { kind: 'no-cluster', responseFlags: 'NC', ...origin, destination }
    : { kind: 'route', ...origin, destination };
}
