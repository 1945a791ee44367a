import { incrementCounter, observeHistogram } from '../telemetry/metrics/registry';
import type { IstioMetrics } from '../telemetry/metrics/istio-metrics';

/** What one proxy measured about one request. */
export interface RequestMeasurement {
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
}

/** Records one request in Istio's four HTTP metrics under one label set. */
export function recordRequest(
  metrics: IstioMetrics,
  labels: Readonly<Record<string, string>>,
  measurement: RequestMeasurement,
): void {
  incrementCounter(metrics.requestsTotal, labels);
  observeHistogram(metrics.requestDurationMilliseconds, labels, measurement.durationMs);
  observeHistogram(metrics.requestBytes, labels, measurement.requestBytes);
  observeHistogram(metrics.responseBytes, labels, measurement.responseBytes);
}
