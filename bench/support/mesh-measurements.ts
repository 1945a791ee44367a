/**
 * What the mesh costs, measured on the mesh fixture (the sandbox API server, the mesh, small
 * applications behind real sidecars): one hop against a direct call at a fixed request rate, and
 * the time from a VirtualService write to the first request routed by it.
 */
import { istioResources } from '../../lib/sandbox/mesh/mesh-config';
import {
  destinationRule,
  httpGet,
  startMeshFixture,
  weightedRoutes,
  type AppAnswer,
  type MeshFixture,
} from '../../lib/sandbox/mesh/mesh-test-support';
import { startTrafficGenerator } from '../../lib/sandbox/traffic/traffic-generator';
import { compared, type BenchRow } from './bench-types';
import { percentile } from './stats';

const warmupMs = 1_000;
const measuredMs = 5_000;

/**
 * Open-loop requests at `rate` per second for warm-up + 5 s: latencies (ms) of the measured part and
 * answers per second in it (below `rate` when the path cannot keep up: the backlog then shows as latency).
 */
async function atRate(
  rate: number,
  send: () => Promise<AppAnswer>,
): Promise<{ latencies: number[]; answeredPerSecond: number }> {
  const windows: number[][] = [];
  const failures: string[] = [];
  const generator = startTrafficGenerator({
    ratePerSecond: rate,
    windowMs: warmupMs,
    send,
    classify: () => 'ok',
    onWindow: (window) => {
      windows.push(window.latenciesMs);
      failures.push(...Object.keys(window.byStatus).filter((status) => status !== '200'));
    },
  });
  await new Promise((resolve) => setTimeout(resolve, warmupMs + measuredMs));
  await generator.stop();
  if (failures.length)
    throw new Error(`answers other than 200 at ${rate}/s: ${failures.join(', ')}`);
  const latencies = windows.slice(1, 1 + measuredMs / warmupMs).flat();
  return { latencies, answeredPerSecond: latencies.length / (measuredMs / 1000) };
}

async function sidecarOverhead(fixture: MeshFixture): Promise<BenchRow[]> {
  const caller = await fixture.addPod('productpage', 'v1', '10.244.9.10');
  const target = await fixture.addPod('reviews', 'v1', '10.244.9.21');
  await fixture.addPod('reviews', 'v2', '10.244.9.22');
  fixture.syncEndpoints('reviews');
  fixture.client.create(istioResources.destinationRules, destinationRule('reviews', ['v1', 'v2']));
  fixture.apply(istioResources.virtualServices, weightedRoutes('reviews', [['v1', 100]]));
  for (let tries = 0; (await fixture.send(caller, 'reviews:9080', '/')).version !== 'v1'; tries++) {
    if (tries > 200) throw new Error('reviews v1 never answered through the mesh');
  }
  const direct = () => httpGet(target.appPort, '/reviews/0', { host: 'reviews:9080' });
  const meshed = () => fixture.send(caller, 'reviews:9080', '/reviews/0');
  const rows: BenchRow[] = [];
  for (const rate of [200, 1_000]) {
    const { latencies: directMs } = await atRate(rate, direct);
    const { latencies: meshedMs, answeredPerSecond } = await atRate(rate, meshed);
    rows.push(
      compared({
        name: `one mesh hop, answers per second vs ${rate} req/s sent`,
        metric: 'throughput',
        value: answeredPerSecond,
        baseline: rate,
        unit: 'req/s',
      }),
    );
    for (const p of [50, 99]) {
      const [value, baseline] = [percentile(meshedMs, p), percentile(directMs, p)];
      rows.push(
        compared({
          name: `one mesh hop at ${rate} req/s vs direct call`,
          metric: `p${p} latency`,
          value,
          baseline,
          unit: 'ms',
        }),
      );
      rows.push({
        name: `added by one mesh hop at ${rate} req/s`,
        metric: `p${p} difference`,
        value: value - baseline,
        unit: 'ms',
      });
    }
  }
  return rows;
}

/** `writes` VirtualService writes flipping reviews between v1 and v2, each followed by requests until one lands on the new version. */
async function propagation(fixture: MeshFixture, writes = 60): Promise<BenchRow[]> {
  const caller = await fixture.addPod('productpage', 'v1', '10.244.9.11');
  const fromWrite: number[] = [];
  for (let round = 0; round < writes; round++) {
    const version = round % 2 ? 'v1' : 'v2';
    const started = performance.now();
    fixture.apply(istioResources.virtualServices, weightedRoutes('reviews', [[version, 100]]));
    for (
      let tries = 0;
      (await fixture.send(caller, 'reviews:9080', '/')).version !== version;
      tries++
    ) {
      if (tries > 10_000) throw new Error(`reviews ${version} never routed`);
    }
    fromWrite.push(performance.now() - started);
  }
  return [50, 99].map((p) =>
    compared({
      name: `VirtualService write -> first routed request (${writes} writes) vs 100 ms goal`,
      metric: `p${p}`,
      value: percentile(fromWrite, p),
      baseline: 100,
      unit: 'ms',
    }),
  );
}

export async function measureMesh(): Promise<BenchRow[]> {
  const fixture = await startMeshFixture(17);
  try {
    return [...(await sidecarOverhead(fixture)), ...(await propagation(fixture))];
  } finally {
    await fixture.dispose();
  }
}
