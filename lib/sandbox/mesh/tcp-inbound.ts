import { connect, type Socket } from 'node:net';
import { portProtocol } from '@/lib/domain/release/service-ports';
import type { Service } from '../controllers/workload-types';
import type { DestinationServiceName } from './istio-metric-labels';
import type { MeshRuntime } from './mesh-runtime';
import type { MeshSnapshot } from './mesh-snapshot';
import { unknownPeer } from './peer-metadata';
import { readPreamble, relayTcp, tcpLabels, tcpMetricsRecorder } from './tcp-exchange';
import { serviceNameOf } from './upstream-cluster';
import type { WorkloadIdentity } from './workload-identity';

/**
 * A sidecar's inbound side for TCP: a connection to a container port that a Service selecting the
 * pod declares TCP (Istio's protocol selection: `appProtocol`, else the port name's prefix, e.g.
 * `tcp`, `mongo`, `mysql`) is relayed byte for byte to the application and reported as
 * reporter="destination" in Istio's TCP metrics; every other port is HTTP.
 */

/** How long a connection may stay silent before it is taken to come from outside the mesh. */
const preambleWaitMs = 1000;

interface ServicePortLike {
  name?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

/** The Service whose TCP port targets `containerPort` on this pod, if any. */
export function tcpServiceOfPort(
  snapshot: MeshSnapshot,
  identity: WorkloadIdentity,
  containerPort: number,
): DestinationServiceName | undefined {
  for (const service of snapshot.services.values() as Iterable<Service>) {
    if (service.metadata.namespace !== identity.namespace) continue;
    const selector = service.spec.selector ?? {};
    if (Object.keys(selector).length === 0) continue;
    if (!Object.entries(selector).every(([name, value]) => identity.labels[name] === value))
      continue;
    const ports = (service.spec.ports ?? []) as ServicePortLike[];
    const targeted = ports.find(
      (port) =>
        (port.protocol ?? 'TCP') === 'TCP' &&
        Number(port.targetPort ?? port.port) === containerPort &&
        portProtocol(port) === 'tcp',
    );
    if (targeted)
      return serviceNameOf(`${service.metadata.name}.${identity.namespace}.svc.cluster.local`);
  }
  return undefined;
}

export async function handleInboundTcp(
  runtime: MeshRuntime,
  identity: WorkloadIdentity,
  appPort: number,
  service: DestinationServiceName,
  downstream: Socket,
): Promise<void> {
  downstream.on('error', () => {});
  const { peer, rest } = await readPreamble(downstream, preambleWaitMs);
  const source = peer ?? unknownPeer(downstream.remoteAddress ?? '');
  const connected = (flags: string) =>
    tcpMetricsRecorder(
      runtime.metrics,
      tcpLabels({
        reporter: 'destination',
        source,
        destination: identity,
        service,
        responseFlags: flags,
      }),
    );
  const upstream = connect({ host: '127.0.0.1', port: appPort });
  upstream.on('error', () => {});
  const reached = await new Promise<boolean>((resolve) => {
    upstream.once('connect', () => resolve(true));
    upstream.once('error', () => resolve(false));
  });
  if (!reached) {
    const metrics = connected('UF');
    metrics.opened();
    downstream.destroy();
    metrics.closed();
    return;
  }
  const metrics = connected('-');
  metrics.opened();
  await relayTcp(downstream, upstream, rest, metrics.bytes);
  metrics.closed();
}
