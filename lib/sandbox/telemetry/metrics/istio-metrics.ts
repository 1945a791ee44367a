import {
  registerCounter,
  registerHistogram,
  type CounterFamily,
  type HistogramFamily,
  type MetricsRegistry,
} from './registry';

/**
 * Istio's standard labels, in the order Istio's stats filter writes them (see
 * /work/shared/reference/telemetry.md). Empty values are exposed as "" (Envoy does) and dropped by
 * Prometheus on ingestion, as by the sample store.
 */
export const ISTIO_LABEL_NAMES = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_principal',
  'source_app',
  'source_version',
  'source_cluster',
  'destination_workload',
  'destination_workload_namespace',
  'destination_principal',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_cluster',
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
  'connection_security_policy',
  'source_canonical_service',
  'destination_canonical_service',
  'source_canonical_revision',
  'destination_canonical_revision',
] as const;

/** TCP metrics carry the same labels minus the request-level ones. */
export const ISTIO_TCP_LABEL_NAMES = ISTIO_LABEL_NAMES.filter(
  (name) => name !== 'response_code' && name !== 'grpc_response_status',
);

/**
 * Envoy's default histogram buckets, which Istio uses for the duration metric (ms) and, unchanged,
 * for the two byte-size histograms (real sidecars expose `istio_request_bytes_bucket{le="600000"}`).
 */
export const ISTIO_DEFAULT_BUCKETS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
  1800000, 3600000,
];

/** The families a sandbox sidecar updates per request and per TCP connection. */
export interface IstioMetrics {
  readonly requestsTotal: CounterFamily;
  readonly requestDurationMilliseconds: HistogramFamily;
  readonly requestBytes: HistogramFamily;
  readonly responseBytes: HistogramFamily;
  readonly tcpSentBytesTotal: CounterFamily;
  readonly tcpReceivedBytesTotal: CounterFamily;
  readonly tcpConnectionsOpenedTotal: CounterFamily;
  readonly tcpConnectionsClosedTotal: CounterFamily;
}

/** Registers Istio's standard metrics in a registry and returns their families. */
export function registerIstioMetrics(registry: MetricsRegistry): IstioMetrics {
  const labelNames = ISTIO_LABEL_NAMES;
  const tcp = ISTIO_TCP_LABEL_NAMES;
  const buckets = ISTIO_DEFAULT_BUCKETS;
  return {
    requestsTotal: registerCounter(registry, {
      name: 'istio_requests_total',
      help: 'Total requests.',
      labelNames,
    }),
    requestDurationMilliseconds: registerHistogram(registry, {
      name: 'istio_request_duration_milliseconds',
      help: 'Request duration in milliseconds.',
      labelNames,
      buckets,
    }),
    requestBytes: registerHistogram(registry, {
      name: 'istio_request_bytes',
      help: 'Request size in bytes.',
      labelNames,
      buckets,
    }),
    responseBytes: registerHistogram(registry, {
      name: 'istio_response_bytes',
      help: 'Response size in bytes.',
      labelNames,
      buckets,
    }),
    tcpSentBytesTotal: registerCounter(registry, {
      name: 'istio_tcp_sent_bytes_total',
      help: 'Total bytes sent during response in case of a TCP connection.',
      labelNames: tcp,
    }),
    tcpReceivedBytesTotal: registerCounter(registry, {
      name: 'istio_tcp_received_bytes_total',
      help: 'Total bytes received during request in case of a TCP connection.',
      labelNames: tcp,
    }),
    tcpConnectionsOpenedTotal: registerCounter(registry, {
      name: 'istio_tcp_connections_opened_total',
      help: 'Total TCP connections opened.',
      labelNames: tcp,
    }),
    tcpConnectionsClosedTotal: registerCounter(registry, {
      name: 'istio_tcp_connections_closed_total',
      help: 'Total TCP connections closed.',
      labelNames: tcp,
    }),
  };
}
