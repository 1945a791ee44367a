import { describe, expect, it } from 'vitest';
import type { CounterFamily } from '../metrics/registry';
import { evaluateInstant, evaluateRange, type JsonVectorSample } from './query';
import { createSyntheticMesh, SYNTHETIC_NAMESPACE } from './synthetic-istio-dataset';

/** The console's queries of telemetry.md, on ten minutes of seeded synthetic Bookinfo traffic. */
const NS = SYNTHETIC_NAMESPACE;
const mesh = createSyntheticMesh({ seed: 42, startMs: 1_700_000_000_000 });
mesh.run(540);
const requestsAt = (family: CounterFamily, workload: string) =>
  [...family.children.values()]
    .filter((c) => c.labelValues[0] === 'destination' && c.labelValues[7] === workload)
    .reduce((total, c) => total + c.value, 0);
const reviewsV1Before = requestsAt(mesh.metrics.requestsTotal, 'reviews-v1');
const now = mesh.run(60);
const reviewsV1After = requestsAt(mesh.metrics.requestsTotal, 'reviews-v1');

const workload = (w: string) =>
  `reporter="destination",destination_workload_namespace="${NS}",destination_workload="${w}"`;
const traffic = (w: string, window = '1m') =>
  `sum(rate(istio_requests_total{${workload(w)}}[${window}]))`;
const errors = (w: string) =>
  `sum(rate(istio_requests_total{${workload(w)},response_code=~"^0$|^[45]\\\\d\\\\d$"}[1m]))`;
const latency = (q: number, w: string) =>
  `histogram_quantile(${q}, sum(rate(istio_request_duration_milliseconds_bucket{${workload(w)}}[1m])) by (le))`;
const average = (w: string) =>
  `sum(rate(istio_request_duration_milliseconds_sum{${workload(w)}}[1m])) / sum(rate(istio_request_duration_milliseconds_count{${workload(w)}}[1m]))`;
const EDGE_LABELS =
  'source_workload, source_workload_namespace, source_canonical_service, source_canonical_revision, destination_service_name, destination_workload, destination_canonical_service, destination_canonical_revision, request_protocol, response_code, response_flags';
const edges = (reporter: string, extra = '') =>
  `sum(rate(istio_requests_total{reporter="${reporter}",destination_workload_namespace="${NS}"${extra}}[5m])) by (${EDGE_LABELS}) > 0`;

function scalarOf(query: string): number {
  const data = evaluateInstant(query, now, mesh.store);
  if (data.resultType !== 'vector' || data.result.length !== 1)
    throw new Error(`${query}: ${JSON.stringify(data)}`);
  return Number((data.result[0] as JsonVectorSample).value[1]);
}

describe('telemetry.md queries on a synthetic Istio dataset', () => {
  it('traffic over a fully covered window is the exact counter difference per second', () => {
    // Samples every second include both ends of the 1m window: no extrapolation happens.
    expect(scalarOf(traffic('reviews-v1')) * 60).toBeCloseTo(reviewsV1After - reviewsV1Before, 9);
    expect(
      scalarOf(`sum(increase(istio_requests_total{${workload('reviews-v1')}}[1m]))`),
    ).toBeCloseTo(reviewsV1After - reviewsV1Before, 9);
  });

  it.each(['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'ratings-v1'])(
    'per-version figures of %s are consistent',
    (w) => {
      const total = scalarOf(traffic(w));
      expect(total).toBeGreaterThan(0);
      const failed = evaluateInstant(errors(w), now, mesh.store).result as JsonVectorSample[];
      const errorRate = failed.length ? Number(failed[0]?.value[1]) : 0;
      const successRate = evaluateInstant(`1 - (${errors(w)} / ${traffic(w)})`, now, mesh.store)
        .result as JsonVectorSample[];
      if (failed.length)
        expect(Number(successRate[0]?.value[1])).toBeCloseTo(1 - errorRate / total, 12);
      else expect(successRate).toEqual([]);
      const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => scalarOf(latency(q, w)));
      expect(p50).toBeLessThanOrEqual(p95 as number);
      expect(p95).toBeLessThanOrEqual(p99 as number);
      expect(scalarOf(average(w))).toBeGreaterThan(0);
    },
  );

  it('reviews-v2 (10 % errors) has a lower success rate than details-v1 (none)', () => {
    expect(evaluateInstant(errors('details-v1'), now, mesh.store).result).toEqual([]);
    expect(scalarOf(`${errors('reviews-v2')} / ${traffic('reviews-v2')}`)).toBeGreaterThan(0.03);
  });

  it.each([
    ['destination', '', 8],
    ['source', '', 8],
    ['source', ',destination_workload="unknown"', 0],
  ])('topology edges reported by %s%s', (reporter, extra, count) => {
    const data = evaluateInstant(edges(reporter, extra), now, mesh.store);
    expect(data.resultType).toBe('vector');
    expect(data.result).toHaveLength(count);
    for (const edge of data.result as JsonVectorSample[]) {
      expect(Object.keys(edge.metric).sort()).toEqual(EDGE_LABELS.split(', ').sort());
      expect(Number(edge.value[1])).toBeGreaterThan(0);
    }
  });

  it('a range query of the traffic has one point per step', () => {
    const matrix = evaluateRange(
      traffic('productpage-v1', '5m'),
      now - 600_000 + 300_000,
      now,
      15_000,
      mesh.store,
    );
    expect(matrix.result).toHaveLength(1);
    expect(matrix.result[0]?.values).toHaveLength(21);
  });

  it('Go escapes apply inside label values: a lone \\d is refused, as by Prometheus', () => {
    expect(() =>
      evaluateInstant('istio_requests_total{response_code=~"^[45]\\d\\d$"}', now, mesh.store),
    ).toThrow(expect.objectContaining({ errorType: 'bad_data' }));
  });
});
