import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNamespace } from '@/lib/sandbox/demo/demo-seed';
import { ISTIO_DEFAULT_BUCKETS } from '@/lib/sandbox/telemetry/metrics/istio-metrics';
import { createHttpSender, type HttpSender } from '@/lib/sandbox/traffic/http-sender';
import {
  startTrafficGenerator,
  type TrafficGenerator,
} from '@/lib/sandbox/traffic/traffic-generator';
import {
  errorRateQuery,
  latencyQuantileQuery,
  requestRateQuery,
} from '@/lib/server/metrics/promql';
import { startBookinfoSandbox, type BookinfoSandbox } from '@/test/support/bookinfo-sandbox';
import { instantQuery } from '@/test/support/prometheus-api';
import {
  prometheusBinary,
  prometheusInstalled,
  startPrometheus,
  type PrometheusProcess,
} from '@/test/support/prometheus-process';
import { makeTempDir } from '@/test/support/temp-dir';
import { waitFor } from '@/test/support/wait-for';

/**
 * The sandbox's query API against a real Prometheus scraping the sandbox's /metrics every second:
 * after 90 s of steady Bookinfo traffic (reviews split over v1/v2/v3, and some requests productpage
 * answers 400), the console's PromQL evaluated at the same past timestamp gives the same figures.
 */
const installed = prometheusInstalled();
if (!installed)
  console.warn(
    `prometheus-parity: SKIPPED, ${prometheusBinary} is missing (apt-get install prometheus)`,
  );

const trafficSeconds = 92;
const workloads = [
  'productpage-v1',
  'details-v1',
  'reviews-v1',
  'reviews-v2',
  'reviews-v3',
  'ratings-v1',
];

/** Index of the histogram bucket holding `value` (the +Inf bucket after the last bound); NaN stays NaN. */
function bucketOf(value: number): number {
  const index = ISTIO_DEFAULT_BUCKETS.findIndex((bound) => value <= bound);
  return index === -1 ? ISTIO_DEFAULT_BUCKETS.length : index;
}

const relativeDifference = (a: number, b: number) =>
  Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

describe.skipIf(!installed)(`sandbox query API against ${prometheusBinary}`, () => {
  let bookinfo: BookinfoSandbox;
  let prometheus: PrometheusProcess;
  const dir = makeTempDir('prometheus');
  const senders: HttpSender[] = [];
  const generators: TrafficGenerator[] = [];

  beforeAll(async () => {
    bookinfo = await startBookinfoSandbox(11);
    await bookinfo.addReviewsVersions(['v2', 'v3']);
    bookinfo.routeReviews([
      ['v1', 34],
      ['v2', 33],
      ['v3', 33],
    ]);
    prometheus = await startPrometheus({
      dir: dir.path,
      targets: [new URL(bookinfo.sandbox.urls.metrics).host],
      scrapeIntervalS: 1,
    });
    await waitFor(
      async () =>
        (await instantQuery(prometheus.url, 'up{job="sandbox"} == 1', Date.now() / 1000)).length ===
        1,
      {
        timeoutMs: 15_000,
        what: 'the first scrape of the sandbox',
      },
    );
  });
  afterAll(async () => {
    await Promise.all(generators.map((generator) => generator.stop()));
    senders.forEach((sender) => sender.close());
    await prometheus?.stop();
    await bookinfo?.dispose();
    dir.remove();
  });

  it(
    'answers the console queries like Prometheus after 90 s of traffic',
    { timeout: 150_000 },
    async () => {
      const page = createHttpSender(bookinfo.pageUrl);
      // productpage answers 400 to a non-numeric product id: errors reported by the destination.
      const badRequest = createHttpSender(
        `${bookinfo.sandbox.urls.gateway}/api/v1/products/not-a-number`,
      );
      senders.push(page, badRequest);
      const trafficStart = Date.now();
      generators.push(
        startTrafficGenerator({ ratePerSecond: 10, send: page.send }),
        startTrafficGenerator({ ratePerSecond: 1, send: badRequest.send, classify: () => 'api' }),
      );
      // The load runs for its required duration; what is checked afterwards does not depend on timing.
      await new Promise((resolve) => setTimeout(resolve, trafficSeconds * 1000));
      // A few seconds back: both the sandbox's own sampling and Prometheus' scrapes have passed it.
      const at = Math.floor(Date.now() / 1000) - 5;
      expect(at * 1000 - trafficStart).toBeGreaterThan(75_000);
      const [pages, bad] = await Promise.all(generators.map((generator) => generator.stop()));
      expect(pages!.byStatus['200']).toBeGreaterThan(800);
      expect(bad!.byStatus).toEqual({ 400: bad!.sent });
      expect(Object.keys(pages!.byReviews).sort()).toEqual(['v1', 'v2', 'v3']);

      const both = async (query: string) => {
        const [sandbox, real] = await Promise.all([
          instantQuery(bookinfo.sandbox.urls.metrics, query, at),
          instantQuery(prometheus.url, query, at),
        ]);
        return {
          sandbox: sandbox.map((sample) => Number(sample.value[1])),
          real: real.map((sample) => Number(sample.value[1])),
        };
      };
      const report: string[] = [];
      for (const workload of workloads) {
        const traffic = requestRateQuery(demoNamespace, workload, '1m');
        const rate = await both(traffic);
        expect(rate.real, `${workload} rate`).toHaveLength(1);
        expect(rate.sandbox, `${workload} rate`).toHaveLength(1);
        expect(rate.real[0]).toBeGreaterThan(0.5);
        expect(
          relativeDifference(rate.sandbox[0]!, rate.real[0]!),
          `${workload} rate ${rate.sandbox[0]} vs ${rate.real[0]}`,
        ).toBeLessThanOrEqual(0.05);

        const success = await both(
          `1 - (${errorRateQuery(demoNamespace, workload, '1m')} / ${traffic})`,
        );
        // No error series at all gives an empty answer from both; productpage has its 400s.
        expect(success.sandbox.length, `${workload} success rate`).toBe(success.real.length);
        if (workload === 'productpage-v1') expect(success.real).toHaveLength(1);
        if (success.real.length) {
          expect(success.real[0]).toBeLessThan(0.99);
          expect(
            relativeDifference(success.sandbox[0]!, success.real[0]!),
            `${workload} success ${success.sandbox[0]} vs ${success.real[0]}`,
          ).toBeLessThanOrEqual(0.05);
        }

        const quantiles: string[] = [];
        for (const q of [0.5, 0.95, 0.99]) {
          const latency = await both(latencyQuantileQuery(q, demoNamespace, workload, '1m'));
          expect(latency.real).toHaveLength(1);
          expect(latency.sandbox).toHaveLength(1);
          const [sandbox, real] = [latency.sandbox[0]!, latency.real[0]!];
          expect(
            Math.abs(bucketOf(sandbox) - bucketOf(real)),
            `${workload} p${q * 100} ${sandbox} vs ${real}`,
          ).toBeLessThanOrEqual(1);
          quantiles.push(`p${q * 100} ${sandbox.toFixed(2)}/${real.toFixed(2)} ms`);
        }
        report.push(
          `${workload}: rate ${rate.sandbox[0]!.toFixed(3)}/${rate.real[0]!.toFixed(3)} (x${(rate.sandbox[0]! / rate.real[0]!).toFixed(4)})` +
            `${success.real.length ? `, success ${success.sandbox[0]!.toFixed(4)}/${success.real[0]!.toFixed(4)}` : ''}, ${quantiles.join(', ')}`,
        );
      }
      console.log(
        `sandbox/Prometheus at ${new Date(at * 1000).toISOString()}:\n${report.join('\n')}`,
      );
    },
  );
});
