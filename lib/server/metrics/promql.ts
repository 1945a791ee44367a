import 'server-only';

/**
 * The PromQL of telemetry.md for one version (workload) of a service, as the release job view and
 * the analysis gates run it. Label values are escaped for a double-quoted PromQL string; note the
 * error-code regex writes `\d` as `\\d` inside that string.
 */

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function selector(namespace: string, workload: string, extra = ''): string {
  return `{reporter="destination",destination_workload_namespace=${quote(namespace)},destination_workload=${quote(workload)}${extra}}`;
}

export const errorCodeMatcher = ',response_code=~"^0$|^[45]\\\\d\\\\d$"';

export function requestRateQuery(namespace: string, workload: string, window: string): string {
  return `sum(rate(istio_requests_total${selector(namespace, workload)}[${window}]))`;
}

export function errorRateQuery(namespace: string, workload: string, window: string): string {
  return `sum(rate(istio_requests_total${selector(namespace, workload, errorCodeMatcher)}[${window}]))`;
}

export function latencyQuantileQuery(
  quantile: number,
  namespace: string,
  workload: string,
  window: string,
): string {
  return `histogram_quantile(${quantile}, sum(rate(istio_request_duration_milliseconds_bucket${selector(namespace, workload)}[${window}])) by (le))`;
}
