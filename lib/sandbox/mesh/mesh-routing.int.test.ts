import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/test/support/wait-for';
import { istioResources } from './mesh-config';
import {
  chiSquare,
  destinationRule,
  runConcurrently,
  startMeshFixture,
  virtualService,
  weightedRoutes,
  type FakeApp,
  type MeshFixture,
} from './mesh-test-support';

/** Chi-square critical value, 1 degree of freedom, 0.1 % level. */
const critical = 10.828;

describe('mesh routing through real sidecars', () => {
  let fixture: MeshFixture;
  let caller: FakeApp;
  let v2: FakeApp;

  beforeAll(async () => {
    fixture = await startMeshFixture(7);
    caller = await fixture.addPod('productpage', 'v1', '10.244.0.10');
    await fixture.addPod('reviews', 'v1', '10.244.0.21');
    v2 = await fixture.addPod('reviews', 'v2', '10.244.0.22');
    await fixture.addPod('reviews', 'v3', '10.244.0.23', { ready: false });
    fixture.syncEndpoints('reviews');
    fixture.syncEndpoints('productpage');
    fixture.client.create(
      istioResources.destinationRules,
      destinationRule('reviews', ['v1', 'v2', 'v3']),
    );
  });
  afterAll(() => fixture?.dispose());

  /** Waits until the mesh answers as `expected` says (the watch delivered the write). */
  async function until(
    expected: (version: string, status: number) => boolean,
    headers: Record<string, string> = {},
  ) {
    for (let i = 0; i < 200; i++) {
      const answer = await fixture.send(caller, 'reviews:9080', '/reviews/0', headers);
      if (expected(answer.version, answer.status)) return answer;
    }
    throw new Error('the mesh never applied the change');
  }

  it('routes over every ready pod of the service without a VirtualService', async () => {
    const answers = await runConcurrently(40, 4, () =>
      fixture.send(caller, 'reviews:9080', '/reviews/0'),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(answers.map((answer) => answer.version))).toEqual(new Set(['v1', 'v2']));
  });

  it.each([
    [50, 50],
    [90, 10],
    [99, 1],
  ])('splits %i/%i within the chi-square bound over 2,000 requests', async (w1, w2) => {
    const before = fixture.mesh.config.generation;
    fixture.apply(
      istioResources.virtualServices,
      weightedRoutes('reviews', [
        ['v1', w1],
        ['v2', w2],
      ]),
    );
    // Count only requests routed with the new weights: wait for the watch to deliver the write.
    await waitFor(() => fixture.mesh.config.generation > before, {
      what: 'the VirtualService watch event',
    });
    const answers = await runConcurrently(2000, 8, () =>
      fixture.send(caller, 'reviews:9080', '/reviews/0'),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const counts = ['v1', 'v2'].map(
      (version) => answers.filter((answer) => answer.version === version).length,
    );
    const statistic = chiSquare(counts, [w1 / 100, w2 / 100]);
    expect(statistic).toBeLessThan(critical);
  });

  it('sends end-user: jason to v2 and everyone else to v1 (header match)', async () => {
    fixture.apply(
      istioResources.virtualServices,
      virtualService('reviews', {
        hosts: ['reviews'],
        http: [
          {
            match: [{ headers: { 'end-user': { exact: 'jason' } } }],
            route: [{ destination: { host: 'reviews', subset: 'v2' } }],
          },
          { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
        ],
      }),
    );
    await until((version) => version === 'v2', { 'end-user': 'jason' });
    const jason = await runConcurrently(20, 4, () =>
      fixture.send(caller, 'reviews:9080', '/', { 'end-user': 'jason' }),
    );
    const others = await runConcurrently(20, 4, () =>
      fixture.send(caller, 'reviews:9080', '/', { 'end-user': 'mary' }),
    );
    expect(jason.map((answer) => answer.version)).toEqual(Array(20).fill('v2'));
    expect(others.map((answer) => answer.version)).toEqual(Array(20).fill('v1'));
  });

  it('answers 404 NR when no rule matches', async () => {
    fixture.apply(
      istioResources.virtualServices,
      virtualService('reviews', {
        hosts: ['reviews'],
        http: [
          {
            match: [{ headers: { 'end-user': { exact: 'jason' } } }],
            route: [{ destination: { host: 'reviews', subset: 'v2' } }],
          },
        ],
      }),
    );
    const answer = await until((_version, status) => status === 404);
    expect(answer.body).toBe('');
  });

  it('answers 503 NC when the subset is not defined, 503 UH when it has no ready pod', async () => {
    fixture.apply(istioResources.virtualServices, weightedRoutes('reviews', [['v9', 100]]));
    expect((await until((_version, status) => status === 503)).body).toBe('');
    fixture.apply(istioResources.virtualServices, weightedRoutes('reviews', [['v3', 100]]));
    const unhealthy = await until((_version, status) => status === 503);
    expect(unhealthy.body).toBe('no healthy upstream');
  });

  it('injects an abort and a delay', async () => {
    fixture.apply(
      istioResources.virtualServices,
      virtualService('reviews', {
        hosts: ['reviews'],
        http: [
          {
            match: [{ headers: { 'end-user': { exact: 'jason' } } }],
            fault: { abort: { httpStatus: 500, percentage: { value: 100 } } },
            route: [{ destination: { host: 'reviews', subset: 'v1' } }],
          },
          {
            fault: { delay: { fixedDelay: '20ms', percentage: { value: 100 } } },
            route: [{ destination: { host: 'reviews', subset: 'v2' } }],
          },
        ],
      }),
    );
    const aborted = await until((_version, status) => status === 500, { 'end-user': 'jason' });
    expect(aborted.body).toBe('fault filter abort');
    await until((version) => version === 'v2');
    const started = performance.now();
    const delayed = await fixture.send(caller, 'reviews:9080', '/');
    expect(delayed.version).toBe('v2');
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });

  it('mirrors a copy with the -shadow host to the mirror subset', async () => {
    fixture.apply(
      istioResources.virtualServices,
      virtualService('reviews', {
        hosts: ['reviews'],
        http: [
          {
            route: [{ destination: { host: 'reviews', subset: 'v1' } }],
            mirror: { host: 'reviews', subset: 'v2' },
            mirrorPercentage: { value: 100 },
          },
        ],
      }),
    );
    const before = v2.received.length;
    await until((version) => version === 'v1');
    await runConcurrently(10, 2, () => fixture.send(caller, 'reviews:9080', '/mirrored'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const shadows = v2.received.slice(before).filter((request) => request.path === '/mirrored');
    expect(shadows.length).toBeGreaterThanOrEqual(10);
    expect(shadows.every((request) => request.host === 'reviews-shadow:9080')).toBe(true);
  });

  it('keeps every request 2xx while the weights flip every 50 ms', async () => {
    let flips = 0;
    const flipper = setInterval(() => {
      flips++;
      fixture.apply(
        istioResources.virtualServices,
        weightedRoutes(
          'reviews',
          flips % 2
            ? [
                ['v1', 100],
                ['v2', 0],
              ]
            : [
                ['v1', 0],
                ['v2', 100],
              ],
        ),
      );
    }, 50);
    try {
      const answers = await runConcurrently(5000, 8, () =>
        fixture.send(caller, 'reviews:9080', '/reviews/0'),
      );
      expect(answers.filter((answer) => answer.status < 200 || answer.status > 299)).toEqual([]);
      expect(new Set(answers.map((answer) => answer.version))).toEqual(new Set(['v1', 'v2']));
    } finally {
      clearInterval(flipper);
    }
    expect(flips).toBeGreaterThan(3);
  });
});
