/**
 * A hand-run measurement, not a test: what one mesh hop (the caller's outbound sidecar plus the
 * callee's inbound sidecar, with routing, metrics and spans) adds to a direct call to the same
 * application. Run: `npx tsx lib/sandbox/mesh/measure-sidecar-overhead.ts`.
 *
 * Closed loop, one request at a time, direct and meshed calls interleaved so that both see the
 * same machine load; 500 warm-up pairs, then 3,000 timed pairs, keep-alive connections throughout.
 */
import { istioResources } from './mesh-config';
import {
  destinationRule,
  httpGet,
  percentile,
  startMeshFixture,
  weightedRoutes,
} from './mesh-test-support';

async function main(): Promise<void> {
  const fixture = await startMeshFixture(11);
  try {
    const caller = await fixture.addPod('productpage', 'v1', '10.244.9.10');
    const target = await fixture.addPod('reviews', 'v1', '10.244.9.21');
    fixture.syncEndpoints('reviews');
    fixture.client.create(istioResources.destinationRules, destinationRule('reviews', ['v1']));
    fixture.apply(istioResources.virtualServices, weightedRoutes('reviews', [['v1', 100]]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const direct: number[] = [];
    const meshed: number[] = [];
    for (let i = 0; i < 3500; i++) {
      let started = performance.now();
      await httpGet(target.appPort, '/reviews/0', { host: 'reviews:9080' });
      const directMs = performance.now() - started;
      started = performance.now();
      const answer = await fixture.send(caller, 'reviews:9080', '/reviews/0');
      const meshedMs = performance.now() - started;
      if (answer.status !== 200) throw new Error(`meshed call answered ${answer.status}`);
      if (i >= 500) {
        direct.push(directMs);
        meshed.push(meshedMs);
      }
    }
    const row = (name: string, values: number[]) =>
      `${name.padEnd(8)} p50 ${percentile(values, 50).toFixed(3)} ms  p99 ${percentile(values, 99).toFixed(3)} ms`;
    console.log(row('direct', direct));
    console.log(row('meshed', meshed));
    console.log(
      `added per hop: p50 ${(percentile(meshed, 50) - percentile(direct, 50)).toFixed(3)} ms, p99 ${(percentile(meshed, 99) - percentile(direct, 99)).toFixed(3)} ms`,
    );
  } finally {
    await fixture.dispose();
  }
}

void main();
