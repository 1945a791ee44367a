import { describe, expect, it } from 'vitest';
import { PrometheusClient, PrometheusError } from './prometheus-client';
import { errorRateQuery } from './promql';

const answering = (results: Record<string, unknown>) => {
  const seen: string[] = [];
  const fetchImpl = (async (_url: URL, init: RequestInit) => {
    const query = new URLSearchParams(init.body as URLSearchParams).get('query')!;
    seen.push(query);
    const key = Object.keys(results).find((k) => query.startsWith(k));
    const body = key
      ? results[key]
      : { status: 'success', data: { resultType: 'vector', result: [] } };
    return new Response(JSON.stringify(body), { status: 200 });
  }) as unknown as typeof fetch;
  return { client: new PrometheusClient('http://prom:9090', fetchImpl), seen };
};
const vector = (v: string) => ({
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: {}, value: [1, v] }] },
});

describe('PrometheusClient', () => {
  it('writes \\d as \\\\d inside the double-quoted error matcher', () => {
    expect(errorRateQuery('ns', 'ratings-v2', '1m')).toContain(
      'response_code=~"^0$|^[45]\\\\d\\\\d$"',
    );
  });

  it.each([
    [
      'traffic with errors',
      {
        'sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="ns",destination_workload="w"}[1m]))':
          vector('4'),
        'sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="ns",destination_workload="w",response_code':
          vector('1'),
        histogram_quantile: vector('250'),
      },
      { requestRate: 4, successRate: 0.75, latencyP99Ms: 250 },
    ],
    [
      'no series at all',
      {},
      { requestRate: undefined, successRate: undefined, latencyP99Ms: undefined },
    ],
    [
      'NaN quantile over no traffic',
      {
        'sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="ns",destination_workload="w"}[1m]))':
          vector('0'),
        histogram_quantile: vector('NaN'),
      },
      { requestRate: 0, successRate: undefined, latencyP99Ms: Number.NaN },
    ],
  ])('%s', async (_, results, expected) => {
    expect(await answering(results).client.versionMetrics('ns', 'w', '1m')).toEqual(expected);
  });

  it('surfaces Prometheus errors with their type', async () => {
    const { client } = answering({
      sum: { status: 'error', errorType: 'bad_data', error: 'parse error' },
    });
    await expect(client.scalar('sum(x')).rejects.toThrow(
      new PrometheusError('Prometheus refused the query (bad_data): parse error'),
    );
  });
});
