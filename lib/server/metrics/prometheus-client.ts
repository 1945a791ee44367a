import 'server-only';
import type { VersionMetrics } from '@/lib/domain/release';
import { errorRateQuery, latencyQuantileQuery, requestRateQuery } from './promql';

/**
 * A client of Prometheus' HTTP API (`/api/v1/query`), the same against a real Prometheus and the
 * sandbox. An empty result is `undefined` and "NaN" is NaN: callers decide, and the gates call
 * both Inconclusive rather than a pass or a failure.
 */

export class PrometheusError extends Error {
  override name = 'PrometheusError';
}

interface QueryResponse {
  status: 'success' | 'error';
  error?: string;
  errorType?: string;
  data?: {
    resultType: string;
    result: { metric: Record<string, string>; value?: [number, string] }[];
  };
}

export class PrometheusClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Runs an instant query; the first sample's value, or undefined when the vector is empty. */
  async scalar(query: string, time?: Date): Promise<number | undefined> {
    const body = new URLSearchParams({
      query,
      ...(time ? { time: String(time.getTime() / 1000) } : {}),
    });
    const response = await this.fetchImpl(
      new URL('api/v1/query', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`),
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      },
    );
    const text = await response.text();
    let parsed: QueryResponse;
    try {
      parsed = JSON.parse(text) as QueryResponse;
    } catch {
      throw new PrometheusError(
        `Prometheus at ${this.baseUrl} answered ${response.status} without JSON`,
      );
    }
    if (parsed.status !== 'success')
      throw new PrometheusError(
        `Prometheus refused the query (${parsed.errorType}): ${parsed.error}`,
      );
    const sample = parsed.data?.result[0]?.value;
    return sample ? Number(sample[1]) : undefined;
  }

  /** Request rate, success rate (1 - errors/requests, 4xx and 5xx as errors) and p99 latency of one workload. */
  async versionMetrics(
    namespace: string,
    workload: string,
    window: string,
  ): Promise<VersionMetrics> {
    const [requestRate, errorRate, latencyP99Ms] = await Promise.all([
      this.scalar(requestRateQuery(namespace, workload, window)),
      this.scalar(errorRateQuery(namespace, workload, window)),
      this.scalar(latencyQuantileQuery(0.99, namespace, workload, window)),
    ]);
    const successRate =
      requestRate !== undefined && requestRate > 0 ? 1 - (errorRate ?? 0) / requestRate : undefined;
    return { requestRate, successRate, latencyP99Ms };
  }
}
