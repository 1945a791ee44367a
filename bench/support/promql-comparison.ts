/**
 * PromQL evaluation time of the console's queries over one hour of samples: the sandbox's query
 * API against a real Prometheus holding the same samples. Backfilling Prometheus is the slow part,
 * so the hour is synthetic (seeded Bookinfo traffic played into a registry): scraped into the
 * sandbox's SampleStore and, at the same instants, written as OpenMetrics for
 * `promtool tsdb create-blocks-from openmetrics`; Prometheus then starts on that TSDB.
 *
 * Both are asked over HTTP, one query at a time: 5 workloads x (request rate, error rate, p50,
 * p95, p99) as range queries over the hour (1m windows, 15 s step), as a chart of the last hour
 * asks them.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  errorRateQuery,
  latencyQuantileQuery,
  requestRateQuery,
} from '../../lib/server/metrics/promql';
import { createMetricsHandler } from '../../lib/sandbox/telemetry/http/metrics-handler';
import { SampleStore } from '../../lib/sandbox/telemetry/metrics/sample-store';
import {
  createSyntheticMesh,
  SYNTHETIC_NAMESPACE,
} from '../../lib/sandbox/telemetry/promql/synthetic-istio-dataset';
import { prometheusInstalled, startPrometheus } from '../../test/support/prometheus-process';
import { makeTempDir } from '../../test/support/temp-dir';
import { compared, type BenchRow } from './bench-types';
import { OpenMetricsRecorder } from './openmetrics-snapshot';
import { median } from './stats';

const hourS = 3600;
/** Prometheus' default scrape interval; 1 s samples for an hour would be a ~1 GB OpenMetrics file. */
const backfillIntervalS = 15;
const rounds = 5;
const workloads = ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'ratings-v1'];

const consoleQueries = workloads.flatMap((w) => [
  requestRateQuery(SYNTHETIC_NAMESPACE, w, '1m'),
  errorRateQuery(SYNTHETIC_NAMESPACE, w, '1m'),
  ...[0.5, 0.95, 0.99].map((q) => latencyQuantileQuery(q, SYNTHETIC_NAMESPACE, w, '1m')),
]);

async function rangeQuery(baseUrl: string, query: string, endS: number): Promise<number> {
  const params = new URLSearchParams({
    query,
    start: String(endS - hourS + 60),
    end: String(endS),
    step: '15',
  });
  const response = await fetch(`${baseUrl}/api/v1/query_range`, { method: 'POST', body: params });
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data: { result: Array<{ values: unknown[] }> };
  };
  if (body.status !== 'success') throw new Error(`${baseUrl}: ${query}: ${body.error}`);
  return body.data.result.reduce((points, series) => points + series.values.length, 0);
}

/** Median milliseconds for the whole set of queries, after one warm-up round; and the points each answered. */
async function timeQuerySet(
  baseUrl: string,
  endS: number,
): Promise<{ ms: number; points: number[] }> {
  const points = [];
  for (const query of consoleQueries) points.push(await rangeQuery(baseUrl, query, endS));
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const query of consoleQueries) await rangeQuery(baseUrl, query, endS);
    times.push(performance.now() - started);
  }
  return { ms: median(times), points };
}

async function serve(store: SampleStore): Promise<{ url: string; server: Server }> {
  const server = createServer(createMetricsHandler({ families: new Map() }, store));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function comparePromql(): Promise<BenchRow[]> {
  const endMs = Math.floor(Date.now() / 1000) * 1000 - 60_000;
  const mesh = createSyntheticMesh({ seed: 23, startMs: endMs - hourS * 1000 });
  // The sandbox samples every second; the comparison set every 15 s, the same instants both sides.
  const coarse = new SampleStore();
  const recorder = new OpenMetricsRecorder();
  for (let s = 0; s < hourS; s += backfillIntervalS) {
    const t = mesh.run(backfillIntervalS);
    coarse.scrape(mesh.registry, t);
    recorder.record(mesh.registry, t);
  }
  const endS = endMs / 1000;
  const name = `${consoleQueries.length} console range queries over 1 h`;
  const fine = await serve(mesh.store);
  const coarseServer = await serve(coarse);
  const dir = makeTempDir('bench-promql');
  try {
    const rows: BenchRow[] = [];
    const alone = await timeQuerySet(fine.url, endS);
    rows.push({
      name: `${name}, 1 s samples (${mesh.store.seriesCount} series), sandbox alone`,
      metric: 'median per set',
      value: alone.ms,
      unit: 'ms',
    });
    const sandbox = await timeQuerySet(coarseServer.url, endS);
    if (!prometheusInstalled()) {
      rows.push({
        name: `${name}, ${backfillIntervalS} s samples, sandbox (no /usr/bin/prometheus to compare)`,
        metric: 'median per set',
        value: sandbox.ms,
        unit: 'ms',
      });
      return rows;
    }
    const file = join(dir.path, 'hour.om');
    const lines = await recorder.write(file);
    const setupStart = performance.now();
    await promisify(execFile)(
      'promtool',
      ['tsdb', 'create-blocks-from', 'openmetrics', file, join(dir.path, 'data')],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const prometheus = await startPrometheus({ dir: dir.path });
    try {
      const real = await timeQuerySet(prometheus.url, endS);
      // Same data, same answers: a different point count means the comparison is not like for like.
      if (real.points.join() !== sandbox.points.join())
        throw new Error(
          `points differ: sandbox ${sandbox.points.join()} vs Prometheus ${real.points.join()}`,
        );
      rows.push(
        compared({
          name: `${name}, ${backfillIntervalS} s samples, sandbox vs Prometheus 2.42`,
          metric: 'median per set',
          value: sandbox.ms,
          baseline: real.ms,
          unit: 'ms',
        }),
        {
          name: `backfill of ${lines} OpenMetrics samples with promtool + Prometheus start`,
          metric: 'setup',
          value: (performance.now() - setupStart) / 1000,
          unit: 's',
        },
      );
      return rows;
    } finally {
      await prometheus.stop();
    }
  } finally {
    fine.server.close();
    coarseServer.server.close();
    dir.remove();
  }
}
