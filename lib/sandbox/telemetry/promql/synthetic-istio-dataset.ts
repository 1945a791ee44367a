import { registerIstioMetrics, type IstioMetrics } from '../metrics/istio-metrics';
import {
  counterChild,
  createRegistry,
  histogramChild,
  observeChild,
  type MetricsRegistry,
} from '../metrics/registry';
import { SampleStore } from '../metrics/sample-store';
import { seededRandom } from '@/lib/domain/istio/seeded-random';

/** One caller -> callee edge of the synthetic Bookinfo mesh, with its traffic profile. */
export interface SyntheticEdge {
  readonly source: string;
  readonly destination: string;
  readonly version: string;
  readonly requestsPerSecond: number;
  readonly errorRatio: number;
  readonly meanLatencyMs: number;
}

/** Bookinfo's call graph in namespace `demo-project`, reviews v1/v2 splitting traffic. */
export const BOOKINFO_EDGES: readonly SyntheticEdge[] = [
  {
    source: 'istio-ingressgateway',
    destination: 'productpage',
    version: 'v1',
    requestsPerSecond: 10,
    errorRatio: 0.01,
    meanLatencyMs: 40,
  },
  {
    source: 'productpage',
    destination: 'details',
    version: 'v1',
    requestsPerSecond: 10,
    errorRatio: 0,
    meanLatencyMs: 5,
  },
  {
    source: 'productpage',
    destination: 'reviews',
    version: 'v1',
    requestsPerSecond: 8,
    errorRatio: 0.02,
    meanLatencyMs: 12,
  },
  {
    source: 'productpage',
    destination: 'reviews',
    version: 'v2',
    requestsPerSecond: 2,
    errorRatio: 0.1,
    meanLatencyMs: 30,
  },
  {
    source: 'reviews',
    destination: 'ratings',
    version: 'v1',
    requestsPerSecond: 2,
    errorRatio: 0,
    meanLatencyMs: 3,
  },
];

export const SYNTHETIC_NAMESPACE = 'demo-project';

function istioLabels(edge: SyntheticEdge, reporter: string, code: string): Record<string, string> {
  const ns = SYNTHETIC_NAMESPACE;
  const sourceWorkload = edge.source === 'istio-ingressgateway' ? edge.source : `${edge.source}-v1`;
  return {
    reporter,
    source_workload: sourceWorkload,
    source_workload_namespace: edge.source === 'istio-ingressgateway' ? 'istio-system' : ns,
    source_app: edge.source,
    source_version: 'v1',
    source_canonical_service: edge.source,
    source_canonical_revision: 'v1',
    destination_workload: `${edge.destination}-${edge.version}`,
    destination_workload_namespace: ns,
    destination_app: edge.destination,
    destination_version: edge.version,
    destination_service: `${edge.destination}.${ns}.svc.cluster.local`,
    destination_service_name: edge.destination,
    destination_service_namespace: ns,
    destination_canonical_service: edge.destination,
    destination_canonical_revision: edge.version,
    request_protocol: 'http',
    response_code: code,
    grpc_response_status: '',
    response_flags: '-',
    connection_security_policy: reporter === 'destination' ? 'mutual_tls' : 'unknown',
  };
}

/** A registry with Istio's metrics, its store, and a step that plays one second of traffic. */
export interface SyntheticMesh {
  readonly registry: MetricsRegistry;
  readonly metrics: IstioMetrics;
  readonly store: SampleStore;
  /** Plays `seconds` of traffic, scraping once per second; returns the time of the last scrape. */
  run(seconds: number): number;
}

/**
 * Bookinfo traffic as both reporters record it: Poisson-ish request counts per second, 200 or
 * 503 by the edge's error ratio, exponential latencies. Starts scraping at `startMs`.
 */
export function createSyntheticMesh(options: {
  seed: number;
  startMs: number;
  edges?: readonly SyntheticEdge[];
}): SyntheticMesh {
  const random = seededRandom(options.seed);
  const registry = createRegistry();
  const metrics = registerIstioMetrics(registry);
  const store = new SampleStore();
  const edges = options.edges ?? BOOKINFO_EDGES;
  let now = options.startMs;
  const run = (seconds: number): number => {
    for (let s = 0; s < seconds; s++) {
      for (const edge of edges) {
        const requests = Math.round(edge.requestsPerSecond * (0.5 + random()));
        for (let r = 0; r < requests; r++) {
          const code = random() < edge.errorRatio ? '503' : '200';
          const latency = -Math.log(1 - random()) * edge.meanLatencyMs;
          for (const reporter of ['source', 'destination']) {
            const labels = istioLabels(edge, reporter, code);
            counterChild(metrics.requestsTotal, labels).value++;
            observeChild(
              metrics.requestDurationMilliseconds,
              histogramChild(metrics.requestDurationMilliseconds, labels),
              latency,
            );
          }
        }
      }
      now += 1000;
      store.scrape(registry, now);
    }
    return now;
  };
  return { registry, metrics, store, run };
}
