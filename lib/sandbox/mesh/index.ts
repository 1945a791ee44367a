import { Agent } from 'node:http';
import type { RandomSource } from '@/lib/domain/istio';
import type { ClusterClient } from '../apiserver/cluster-client';
import type { PodNetwork } from '../contracts/pod-network';
import type { SidecarInjector } from '../contracts/sidecar';
import type { SpanSink } from '../contracts/span-sink';
import { registerIstioMetrics, type IstioMetrics } from '../telemetry/metrics/istio-metrics';
import type { MetricsRegistry } from '../telemetry/metrics/registry';
import { startIngressGateway } from './ingress-gateway';
import { createLoadBalancer } from './load-balancer';
import { MeshConfig } from './mesh-config';
import type { MeshRuntime } from './mesh-runtime';
import { MeshSidecarInjector } from './sidecar-injector';

/**
 * The sandbox's Istio data plane: a config view kept current by watches, sidecars for the pods
 * the workload runtime attaches, and the ingress gateway, all in this process.
 */
export interface MeshOptions {
  client: ClusterClient;
  podNetwork: PodNetwork;
  /** Where Istio's standard metrics go; registered here unless `metrics` is given. */
  registry: MetricsRegistry;
  /** Istio's metric families already registered in `registry` (a registry takes each name once). */
  metrics?: IstioMetrics;
  spanSink: SpanSink;
  /** Math.random in production; a seeded source in tests. */
  random?: RandomSource;
  /** The ingress gateway's port on 127.0.0.1 (9080 in the demo, 0 for a free one). */
  gatewayPort?: number;
  onError?: (error: unknown) => void;
}

export interface Mesh {
  injector: SidecarInjector;
  gatewayPort: number;
  config: MeshConfig;
  stop(): Promise<void>;
}

export async function startMesh(options: MeshOptions): Promise<Mesh> {
  const onError = options.onError ?? (() => {});
  const config = new MeshConfig(options.client, onError);
  config.start();
  const random = options.random ?? Math.random;
  const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
  const runtime: MeshRuntime = {
    config,
    podNetwork: options.podNetwork,
    metrics: options.metrics ?? registerIstioMetrics(options.registry),
    spanSink: options.spanSink,
    random,
    balancer: createLoadBalancer(random),
    agent,
    onError,
  };
  const injector = new MeshSidecarInjector(runtime);
  let gateway;
  try {
    gateway = await startIngressGateway(runtime, options.gatewayPort ?? 0);
  } catch (error) {
    config.stop();
    agent.destroy();
    throw error;
  }
  return {
    injector,
    gatewayPort: gateway.port,
    config,
    async stop() {
      await gateway.stop();
      await injector.detachAll();
      config.stop();
      agent.destroy();
    },
  };
}

export { MeshConfig } from './mesh-config';
export { MeshSidecarInjector } from './sidecar-injector';
export type { MeshSnapshot } from './mesh-snapshot';
