import { connect, createServer, type Server, type Socket } from 'node:net';
import { meshGateway, routeTcpConnection } from '@/lib/domain/istio';
import { servicePorts } from '@/lib/domain/release/service-ports';
import type { Service } from '../controllers/workload-types';
import { listenOnLoopback } from './inbound-listener';
import type { DestinationServiceName } from './istio-metric-labels';
import { sidecarWanted } from './injection-policy';
import type { MeshRuntime } from './mesh-runtime';
import { objectKeyOf, type MeshSnapshot } from './mesh-snapshot';
import type { ResponseFlag } from './response-flags';
import { peerPreamble, relayTcp, tcpLabels, tcpMetricsRecorder } from './tcp-exchange';
import { resolveUpstream, serviceNameOf, type UpstreamEndpoint } from './upstream-cluster';
import type { WorkloadIdentity } from './workload-identity';

/**
 * A sidecar's outbound side for TCP. Envoy has one outbound listener per TCP service port (reached
 * through iptables on a cluster); the sandbox has no iptables, so the sidecar opens a loopback
 * listener for each TCP port of the mesh's Services when it attaches, and the workload is told
 * where (the `<SERVICE>_SERVICE_HOST/PORT` variables). A connection there is routed by the
 * VirtualServices' `tcp` routes (routeTcpConnection, weights drawn per connection), relayed to a
 * pod of the chosen subset through its inbound sidecar with the metadata preamble, and reported
 * as reporter="source" in Istio's TCP metrics.
 */

/** `name.namespace:port`, the key of a TCP listener. */
export const tcpListenerKey = (name: string, namespace: string, port: number): string =>
  `${name}.${namespace}:${port}`;

export interface TcpOutbound {
  /** The loopback port that stands for each TCP service port, by {@link tcpListenerKey}. */
  ports: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** Whether the pod behind an endpoint runs a sidecar, by the decision its injection made. */
function hasSidecar(snapshot: MeshSnapshot, endpoint: UpstreamEndpoint): boolean {
  const pod = endpoint.identity
    ? snapshot.pods.get(objectKeyOf(endpoint.identity.namespace, endpoint.identity.podName))
    : undefined;
  return (
    pod !== undefined && sidecarWanted(pod, snapshot.namespaces.get(pod.metadata.namespace ?? ''))
  );
}

async function connectToEndpoint(
  runtime: MeshRuntime,
  endpoint: UpstreamEndpoint,
): Promise<Socket | undefined> {
  const loopback = runtime.podNetwork.resolve(endpoint.podIP, endpoint.port);
  if (loopback === undefined) return undefined;
  const socket = connect({ host: '127.0.0.1', port: loopback });
  socket.on('error', () => {});
  const reached = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
  });
  return reached ? socket : undefined;
}

async function handleConnection(
  runtime: MeshRuntime,
  identity: WorkloadIdentity,
  host: string,
  port: number,
  downstream: Socket,
): Promise<void> {
  downstream.on('error', () => {});
  downstream.pause();
  const snapshot = runtime.config.snapshot();
  const decision = routeTcpConnection(
    {
      host: `${host}:${port}`,
      port,
      sourceLabels: identity.labels,
      sourceNamespace: identity.namespace,
      gateway: meshGateway,
    },
    snapshot.routing,
    runtime.random,
  );
  const report = (
    service: DestinationServiceName,
    destination: WorkloadIdentity | undefined,
    flags: ResponseFlag | '-',
  ) =>
    tcpMetricsRecorder(
      runtime.metrics,
      tcpLabels({
        reporter: 'source',
        source: identity,
        destination,
        service,
        responseFlags: flags,
      }),
    );
  const refuse = (service: DestinationServiceName, flag: ResponseFlag) => {
    const metrics = report(service, undefined, flag);
    metrics.opened();
    downstream.destroy();
    metrics.closed();
  };
  if (decision.kind !== 'route') {
    refuse(
      serviceNameOf(
        decision.kind === 'no-cluster' && decision.destination ? decision.destination.host : host,
      ),
      decision.responseFlags,
    );
    return;
  }
  const cluster = resolveUpstream(snapshot, decision.destination);
  if (!cluster) return refuse(serviceNameOf(decision.destination.host), 'NC');
  const endpoint = runtime.balancer.pick(cluster, new Set());
  if (!endpoint) return refuse(cluster.service, 'UH');
  const upstream = await connectToEndpoint(runtime, endpoint);
  if (!upstream) return refuse(cluster.service, 'UF');
  const metrics = report(cluster.service, endpoint.identity, '-');
  metrics.opened();
  // Only a sidecar reads the preamble (Istio negotiates it over mTLS); a pod without one gets
  // the caller's bytes alone.
  if (hasSidecar(snapshot, endpoint)) upstream.write(peerPreamble(identity));
  await relayTcp(downstream, upstream, Buffer.alloc(0), metrics.bytes);
  metrics.closed();
}

/** Opens the sidecar's TCP listeners for the TCP ports of the mesh's Services now. */
export async function startTcpOutbound(
  runtime: MeshRuntime,
  identity: WorkloadIdentity,
): Promise<TcpOutbound> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const ports = new Map<string, number>();
  const services = runtime.config.snapshot().services.values() as Iterable<Service>;
  for (const service of services) {
    const name = service.metadata.name ?? '';
    const namespace = service.metadata.namespace ?? 'default';
    for (const { port, protocol } of servicePorts(service)) {
      if (protocol !== 'tcp') continue;
      const host = `${name}.${namespace}.svc.cluster.local`;
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
        handleConnection(runtime, identity, host, port, socket).catch(runtime.onError);
      });
      servers.push(server);
      ports.set(tcpListenerKey(name, namespace, port), await listenOnLoopback(server));
    }
  }
  return {
    ports,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
    },
  };
}
