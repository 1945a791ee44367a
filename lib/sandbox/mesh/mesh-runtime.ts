import type { Agent } from 'node:http';
import type { RandomSource } from '@/lib/domain/istio';
import type { PodNetwork } from '../contracts/pod-network';
import type { SpanSink } from '../contracts/span-sink';
import type { IstioMetrics } from '../telemetry/metrics/istio-metrics';
import type { LoadBalancer } from './load-balancer';
import type { MeshSnapshot } from './mesh-snapshot';

/** What every proxy of one mesh shares: the config view, the network, telemetry, randomness. */
export interface MeshRuntime {
  config: { snapshot(): MeshSnapshot };
  podNetwork: PodNetwork;
  metrics: IstioMetrics;
  spanSink: SpanSink;
  /** Draws routing decisions and RANDOM load balancing: seeded in tests, Math.random in production. */
  random: RandomSource;
  balancer: LoadBalancer;
  /** Keep-alive connections between proxies and to applications. */
  agent: Agent;
  /** Failures that no request can report (a span sink throwing, a mirror failing to send). */
  onError: (error: unknown) => void;
}
