import { createServer, type Server } from 'node:http';
import type { Gateway } from '@/lib/domain/istio';
import { routeTableFor } from '@/lib/domain/istio/route-table';
import { matchingGatewayServers, type GatewayServerMatch } from './gateway-servers';
import { closeServer, listenOnLoopback } from './inbound-listener';
import { localReplies, sendLocalReply } from './local-reply';
import type { MeshRuntime } from './mesh-runtime';
import type { MeshSnapshot } from './mesh-snapshot';
import { handleOutbound } from './outbound-exchange';
import { ingressGatewayIdentity, type WorkloadIdentity } from './workload-identity';

/**
 * Istio's ingress gateway: one HTTP listener serving every Gateway that selects
 * `istio: ingressgateway`, whatever port number the Gateway declares, with the VirtualServices
 * bound to it. It routes as `<ns>/<name>` of the Gateway and reports as
 * `istio-ingressgateway` in `istio-system`.
 */

/** The address the gateway pod has in spans and in its callees' `peer.address`. */
export const ingressGatewayPodIP = '10.244.255.254';

/** A name no VirtualService binds to: requests no Gateway accepts end as 404 NR through it. */
const noGateway = 'istio-system/no-gateway-accepts-this-host';

/**
 * The Gateway server a request uses: the first accepting one that has routes for it (Envoy merges
 * all VirtualServices of a port into one route table; here every port shares the listener).
 */
function chooseServer(
  snapshot: MeshSnapshot,
  identity: WorkloadIdentity,
  authority: string,
  path: string,
  method: string,
  headers: Record<string, string>,
): GatewayServerMatch | undefined {
  const matches = matchingGatewayServers(
    snapshot.gateways as Gateway[],
    identity.labels,
    authority,
  );
  return (
    matches.find(
      (match) =>
        routeTableFor(
          {
            host: authority,
            port: match.port,
            method,
            scheme: 'http',
            path,
            headers,
            sourceLabels: identity.labels,
            sourceNamespace: identity.namespace,
            gateway: match.gateway,
          },
          snapshot.routing.virtualServices,
        ).length > 0,
    ) ?? matches[0]
  );
}

export interface IngressGateway {
  port: number;
  stop(): Promise<void>;
}

export async function startIngressGateway(
  runtime: MeshRuntime,
  port: number,
): Promise<IngressGateway> {
  const identity = ingressGatewayIdentity(ingressGatewayPodIP);
  const server: Server = createServer((req, res) => {
    const authority = req.headers.host ?? '';
    const path = req.url ?? '/';
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(',') : (value ?? ''),
      ]),
    );
    const server = chooseServer(
      runtime.config.snapshot(),
      identity,
      authority,
      path,
      req.method ?? 'GET',
      headers,
    );
    handleOutbound(runtime, req, res, {
      identity,
      gateway: server?.gateway ?? noGateway,
      authority,
      port: server?.port ?? 80,
      path,
      peerAddress: req.socket.remoteAddress ?? '',
    }).catch((error: unknown) => {
      runtime.onError(error);
      if (!res.headersSent) sendLocalReply(res, localReplies.reset());
      else res.destroy();
    });
  });
  const boundPort = await listenOnLoopback(server, port);
  return { port: boundPort, stop: () => closeServer(server) };
}
