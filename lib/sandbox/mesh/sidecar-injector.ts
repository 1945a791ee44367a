import { createServer } from 'node:http';
import type { KubeObject } from '../apiserver/types';
import type { AttachedSidecar, SidecarInjector } from '../contracts/sidecar';
import { closeServer, listenOnLoopback, startInboundListener } from './inbound-listener';
import { startTcpOutbound } from './tcp-outbound';
import { sidecarWanted } from './injection-policy';
import { localReplies, sendLocalReply } from './local-reply';
import type { MeshRuntime } from './mesh-runtime';
import { meshGateway } from '@/lib/domain/istio';
import { handleOutbound } from './outbound-exchange';
import { readOutboundTarget } from './outbound-target';
import { workloadIdentityOfPod } from './workload-identity';

/** The port the mesh addresses a pod on: its first declared container port, else the app's. */
function containerPortOf(pod: KubeObject, appPort: number): number {
  const containers =
    ((pod.spec ?? {}) as { containers?: { ports?: { containerPort?: number }[] }[] }).containers ??
    [];
  for (const container of containers) {
    const port = container.ports?.[0]?.containerPort;
    if (port) return port;
  }
  return appPort;
}

/**
 * Gives pods their sidecars: per pod an inbound listener in front of the application (HTTP, or
 * TCP for a port a Service declares TCP), an outbound HTTP proxy for its calls and a listener per
 * TCP service port, all on free loopback ports, all reporting as the pod.
 */
export class MeshSidecarInjector implements SidecarInjector {
  private readonly attached = new Set<() => Promise<void>>();

  constructor(private readonly runtime: MeshRuntime) {}

  shouldInject(pod: KubeObject, namespace: KubeObject | undefined): boolean {
    return sidecarWanted(pod, namespace);
  }

  async attach(pod: KubeObject, appPort: number): Promise<AttachedSidecar> {
    const identity = workloadIdentityOfPod(pod);
    const runtime = this.runtime;
    const inbound = await startInboundListener({
      runtime,
      identity,
      appPort,
      containerPort: containerPortOf(pod, appPort),
    });
    const outbound = createServer((req, res) => {
      const target = readOutboundTarget(req);
      if (!target) {
        sendLocalReply(res, localReplies.noRoute());
        return;
      }
      handleOutbound(runtime, req, res, {
        ...target,
        identity,
        gateway: meshGateway,
        peerAddress: identity.podIP,
      }).catch((error: unknown) => {
        runtime.onError(error);
        if (!res.headersSent) sendLocalReply(res, localReplies.reset());
        else res.destroy();
      });
    });
    const outboundPort = await listenOnLoopback(outbound);
    const tcp = await startTcpOutbound(runtime, identity);
    let detached: Promise<void> | undefined;
    const detach = () => {
      detached ??= Promise.all([inbound.close(), closeServer(outbound), tcp.close()]).then(() => {
        this.attached.delete(detach);
      });
      return detached;
    };
    this.attached.add(detach);
    return { inboundPort: inbound.port, outboundPort, tcpPorts: tcp.ports, detach };
  }

  /** Detaches every sidecar still attached (the mesh stopping). */
  async detachAll(): Promise<void> {
    await Promise.all([...this.attached].map((detach) => detach()));
  }
}
