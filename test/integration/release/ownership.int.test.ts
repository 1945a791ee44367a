import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualService } from '@/lib/domain/istio/types';
import {
  offline,
  ReleaseConflictError,
  restore,
  rollback,
  setWeight,
  takeOver,
} from '@/lib/server/release/operations';
import { waitFor } from '../../support/wait-for';
import {
  createIstio,
  createJob,
  createService,
  destinationRules,
  jobSpec,
  ns,
  startReleaseFixture,
  virtualServices,
  waitForJob,
  weightsOf,
  type ReleaseFixture,
} from './release-fixture';

let f: ReleaseFixture;
beforeAll(async () => {
  f = await startReleaseFixture();
});
afterAll(async () => f?.dispose());

const userRoute = {
  name: 'user-teapot',
  match: [{ uri: { prefix: '/teapot' } }],
  directResponse: { status: 418 },
};
const vsNamed = async (name: string) =>
  (await virtualServices(f.kc)).find((v) => v.metadata.name === name);
const strip = (vs: VirtualService | undefined) =>
  vs && { spec: vs.spec, annotations: vs.metadata.annotations ?? {} };

describe("someone else's VirtualServices", () => {
  it("keeps the user's own route through every operation, splits the gateway route, and restores both exactly after offline", async () => {
    await createService(f.kc, 'ratings');
    const mesh = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'ratings', namespace: ns },
      spec: {
        hosts: ['ratings'],
        http: [
          userRoute,
          { name: 'main', route: [{ destination: { host: 'ratings', subset: 'v1' } }] },
        ],
      },
    };
    const gateway = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'bookinfo', namespace: ns },
      spec: {
        hosts: ['*'],
        gateways: ['bookinfo-gateway'],
        http: [
          {
            match: [{ uri: { exact: '/productpage' } }],
            route: [{ destination: { host: 'productpage', port: { number: 9080 } } }],
          },
          {
            match: [{ uri: { prefix: '/ratings' } }],
            route: [{ destination: { host: 'ratings', port: { number: 9080 } } }],
          },
        ],
      },
    };
    const dr = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'ratings', namespace: ns },
      spec: { host: 'ratings', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
    };
    await createIstio(f.kc, 'virtualservices', mesh);
    await createIstio(f.kc, 'virtualservices', gateway);
    await createIstio(f.kc, 'destinationrules', dr);
    const before = {
      mesh: strip(await vsNamed('ratings')),
      gateway: strip(await vsNamed('bookinfo')),
    };

    const ref = { namespace: ns, name: 'ratings-canary' };
    await createJob(f.kc, 'ratings-canary', jobSpec('ratings'));
    await waitForJob(f.kc, 'ratings-canary', (j) => j.status?.phase === 'Progressing', 'split');
    expect(weightsOf(await vsNamed('ratings'), 'ratings')).toEqual([{ v1: 50, v2: 50 }]);
    expect(weightsOf(await vsNamed('bookinfo'), 'ratings')).toEqual([{ v1: 50, v2: 50 }]);
    expect((await vsNamed('bookinfo'))!.spec.http![0]).toEqual(gateway.spec.http[0]);

    for (const [operation, phase] of [
      [() => takeOver(f.kc, ref, 'v2'), 'TakenOver'],
      [() => restore(f.kc, ref), 'Progressing'],
      [() => setWeight(f.kc, ref, 10), 'Progressing'],
      [() => rollback(f.kc, ref), 'RolledBack'],
      [() => restore(f.kc, ref), 'Progressing'],
      [() => takeOver(f.kc, ref, 'v2'), 'TakenOver'],
    ] as const) {
      await operation();
      await waitForJob(f.kc, 'ratings-canary', (j) => j.status?.phase === phase, phase);
      expect((await vsNamed('ratings'))!.spec.http![0]).toEqual(userRoute);
    }
    expect(weightsOf(await vsNamed('bookinfo'), 'ratings')).toEqual([{ v2: 100 }]);

    await offline(f.kc, ref, 'v1');
    await waitForJob(f.kc, 'ratings-canary', (j) => j.status?.phase === 'Offline', 'offline');
    expect(strip(await vsNamed('ratings'))).toEqual(before.mesh);
    expect(strip(await vsNamed('bookinfo'))).toEqual(before.gateway);
    expect(
      (await destinationRules(f.kc))
        .find((d) => d.metadata.name === 'ratings')!
        .spec.subsets!.map((s) => s.name),
    ).toEqual(['v1']);
  });

  it('splits a two-port service on both ports, HTTP and TCP', async () => {
    await createService(f.kc, 'details', [
      { name: 'http', port: 9080 },
      { name: 'tcp-admin', port: 9900 },
    ]);
    await createJob(f.kc, 'details-canary', jobSpec('details', { traffic: { weight: 30 } }));
    const job = await waitForJob(
      f.kc,
      'details-canary',
      (j) => j.status?.phase === 'Progressing',
      'split',
    );
    expect(job.status?.traffic?.map((t) => [t.protocol, t.port, t.applied])).toEqual([
      ['http', 9080, { v1: 70, v2: 30 }],
      ['tcp', 9900, { v1: 70, v2: 30 }],
    ]);
    await takeOver(f.kc, { namespace: ns, name: 'details-canary' }, 'v2');
    const taken = await waitForJob(
      f.kc,
      'details-canary',
      (j) => j.status?.phase === 'TakenOver',
      'take-over',
    );
    expect(taken.status?.traffic?.map((t) => t.applied)).toEqual([{ v2: 100 }, { v2: 100 }]);
  });
});

describe('hand edits and concurrency', () => {
  const overrideWeights = async (weights: [number, number]) => {
    const api = f.kc.makeApiClient(CustomObjectsApi);
    const vs = (await vsNamed('productpage'))!;
    vs.spec.http![0]!.route![0]!.weight = weights[0];
    vs.spec.http![0]!.route![1]!.weight = weights[1];
    await api.replaceNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1',
      namespace: ns,
      plural: 'virtualservices',
      name: 'productpage',
      body: vs,
      // Named so that the events and the Conflict can be checked to say who changed the routes.
      fieldManager: 'platform-team',
    });
  };

  it('restores overridden routes, then reports Conflict after repeated overrides instead of fighting', async () => {
    await createService(f.kc, 'productpage');
    await createJob(f.kc, 'productpage-canary', jobSpec('productpage'));
    await waitForJob(f.kc, 'productpage-canary', (j) => j.status?.phase === 'Progressing', 'split');
    await overrideWeights([90, 10]);
    await waitFor(
      async () =>
        JSON.stringify(weightsOf(await vsNamed('productpage'), 'productpage')) ===
        JSON.stringify([{ v1: 50, v2: 50 }]),
      { what: 'the override restored' },
    );
    // The second override within the window is restored after a 1 s backoff, not write for write.
    const secondAt = performance.now();
    await overrideWeights([80, 20]);
    await waitFor(
      async () =>
        JSON.stringify(weightsOf(await vsNamed('productpage'), 'productpage')) ===
        JSON.stringify([{ v1: 50, v2: 50 }]),
      { what: 'the second override restored' },
    );
    expect(performance.now() - secondAt).toBeGreaterThanOrEqual(900);
    const overridden = (
      await f.kc.makeApiClient(CoreV1Api).listNamespacedEvent({
        namespace: ns,
        fieldSelector: 'involvedObject.name=productpage-canary',
      })
    ).items.filter((e) => e.reason === 'RouteOverridden');
    expect(overridden.map((e) => e.message)).toEqual([
      "VirtualService productpage was changed by platform-team; restoring the job's routes",
      "VirtualService productpage was changed by platform-team; restoring the job's routes in 1 s (override 2 of 3 within 60s)",
    ]);
    await overrideWeights([70, 30]);
    const job = await waitFor(
      async () => {
        const j = (await f.kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
          group: 'aviary.dev',
          version: 'v1alpha1',
          namespace: ns,
          plural: 'releasejobs',
          name: 'productpage-canary',
        })) as {
          status?: {
            conditions?: { type: string; status: string; message: string }[];
            phase?: string;
          };
        };
        return j.status?.conditions?.find((c) => c.type === 'Conflict' && c.status === 'True')
          ? j
          : undefined;
      },
      { what: 'the Conflict condition', timeoutMs: 10_000 },
    );
    expect(job.status?.phase).toBe('Paused');
    expect(job.status?.conditions?.find((c) => c.type === 'Conflict')?.message).toMatch(
      /^VirtualService productpage was changed by platform-team 3 times within 60s/,
    );
    await new Promise((r) => setTimeout(r, 800));
    expect(weightsOf(await vsNamed('productpage'), 'productpage')).toEqual([{ v1: 70, v2: 30 }]);
  });

  it('two concurrent weight changes: one 409 with a clear message, the final state is the other one', async () => {
    await createService(f.kc, 'web');
    await createJob(f.kc, 'web-canary', jobSpec('web'));
    const job = await waitForJob(
      f.kc,
      'web-canary',
      (j) => j.status?.phase === 'Progressing',
      'split',
    );
    const ref = {
      namespace: ns,
      name: 'web-canary',
      expectedResourceVersion: job.metadata.resourceVersion,
    };
    const results = await Promise.allSettled([setWeight(f.kc, ref, 10), setWeight(f.kc, ref, 90)]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ReleaseConflictError);
    expect(String((rejected[0] as PromiseRejectedResult).reason.message)).toContain(
      'was changed by someone else since it was read',
    );
    const winner = results.findIndex((r) => r.status === 'fulfilled') === 0 ? 10 : 90;
    const final = await waitForJob(
      f.kc,
      'web-canary',
      (j) => j.spec.traffic?.weight === winner,
      'the winner applied',
    );
    expect(final.status?.traffic?.[0]?.applied).toEqual({ v1: 100 - winner, v2: winner });
  });

  it('a controller stopped mid-way converges after it starts again', async () => {
    await createService(f.kc, 'cart');
    await f.controller.stop();
    await createJob(f.kc, 'cart-canary', jobSpec('cart', { traffic: { weight: 40 } }));
    // Stopped once the subset is written and before the routes may be: the restarted controller finishes.
    await f.startController();
    await waitFor(
      async () => (await destinationRules(f.kc)).some((d) => d.metadata.name === 'cart'),
      { what: 'the subset step' },
    );
    await f.controller.stop();
    await f.startController();
    const job = await waitForJob(
      f.kc,
      'cart-canary',
      (j) => j.status?.phase === 'Progressing',
      'convergence',
    );
    expect(job.status?.traffic?.[0]?.applied).toEqual({ v1: 60, v2: 40 });
  });
});

describe('content rules on a gateway VirtualService', () => {
  it('combines a rule with each gateway route, and says which route it could not be combined with', async () => {
    await createService(f.kc, 'front');
    const toFront = [{ destination: { host: 'front', port: { number: 9080 } } }];
    await createIstio(f.kc, 'virtualservices', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'front-gateway' },
      spec: {
        hosts: ['*'],
        gateways: ['front-gateway'],
        http: [
          { name: 'page', match: [{ uri: { exact: '/front' } }], route: toFront },
          { name: 'assets', match: [{ uri: { prefix: '/assets' } }], route: toFront },
        ],
      },
    });
    await createJob(
      f.kc,
      'front-canary',
      jobSpec('front', {
        traffic: {
          weight: 0,
          rules: [
            {
              name: 'beta',
              conditions: [{ kind: 'uri', operator: 'regex', value: '/(front|assets/beta/.*)' }],
            },
          ],
        },
      }),
    );
    const job = await waitForJob(
      f.kc,
      'front-canary',
      (j) =>
        j.status?.phase === 'Progressing' &&
        (j.status.conditions?.some((c) => c.type === 'RulesApplied') ?? false),
      'the split with its RulesApplied condition',
    );
    const condition = job.status!.conditions!.find((c) => c.type === 'RulesApplied')!;
    expect(condition.status).toBe('False');
    expect(condition.reason).toBe('RuleNotExpressible');
    expect(condition.message).toMatch(/assets/);
    expect(condition.message).not.toMatch(/\bpage\b/);
    // The exact /front route got the rule (an exact path the regex accepts stays exact).
    const http = (await vsNamed('front-gateway'))!.spec.http!;
    const ruleRoute = http.find((r) => r.name?.includes('beta') && r.name.includes('page'));
    expect(ruleRoute?.match).toEqual([{ uri: { exact: '/front' } }]);
    expect(ruleRoute?.route?.map((d) => [d.destination.subset, d.weight ?? 100])).toEqual([
      ['v2', 100],
    ]);
    const events = await waitFor(
      async () => {
        const list = await f.kc.makeApiClient(CoreV1Api).listNamespacedEvent({
          namespace: ns,
          fieldSelector: 'involvedObject.name=front-canary',
        });
        const found = list.items.filter((e) => e.reason === 'RuleNotExpressible');
        return found.length > 0 ? found : undefined;
      },
      { what: 'a RuleNotExpressible event' },
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.message).toBe(condition.message);
  });
});
