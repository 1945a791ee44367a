import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offline, restore, rollback, setWeight, takeOver } from '@/lib/server/release/operations';
import { waitFor } from '../../support/wait-for';
import {
  createJob,
  deploymentNames,
  destinationRules,
  loadPage,
  ns,
  orderingFailures,
  orderingFailuresSince,
  startDataPlaneFixture,
  startLoad,
  virtualServices,
  waitForJob,
  weightsOf,
  type DataPlaneFixture,
} from './release-fixture';

/**
 * Make-before-break under fire: page loads run through the gateway the whole time while a release
 * goes through every operation, and while the controller dies right after each step of
 * make-before-break (Deployment, subset, routes) and a new one takes over. No request may end in
 * a 503 caused by ordering: Envoy's UH (a subset with no ready pod) or NC (a route to a subset
 * that does not exist), which productpage shows as "Error fetching product reviews".
 */

let f: DataPlaneFixture;
const image = 'registry.istio.io/release/examples-bookinfo-reviews-v2:1.20.3';
const spec = {
  service: 'reviews',
  mode: 'Canary' as const,
  stableVersion: 'v1',
  newVersion: { version: 'v2', image },
  traffic: { weight: 50 },
};

beforeAll(async () => {
  f = await startDataPlaneFixture(11);
  // The demo's DestinationRule already lists v2 and v3; with v1 alone the subset step is real.
  const custom = f.kc.makeApiClient(CustomObjectsApi);
  const dr = {
    group: 'networking.istio.io',
    version: 'v1',
    namespace: ns,
    plural: 'destinationrules',
    name: 'reviews',
  };
  const live = (await custom.getNamespacedCustomObject(dr)) as {
    spec: { subsets: { name: string }[] };
  };
  await custom.replaceNamespacedCustomObject({
    ...dr,
    body: {
      ...live,
      spec: { ...live.spec, subsets: live.spec.subsets.filter((s) => s.name === 'v1') },
    },
  });
});
afterAll(async () => f?.dispose());

/** Waits until the load loops have sent `n` more requests, so each step happens under traffic. */
async function underFire(load: { sent(): number }, n = 15): Promise<void> {
  const target = load.sent() + n;
  await waitFor(() => load.sent() >= target, { what: `${n} more requests` });
}

async function finishKeepingV1(name: string): Promise<void> {
  await offline(f.kc, { namespace: ns, name }, 'v1');
  await waitForJob(f.kc, name, (j) => j.status?.phase === 'Offline', `${name} offline`);
  await waitFor(
    async () =>
      (await deploymentNames(f.kc)).filter((d) => d.startsWith('reviews-')).join() === 'reviews-v1',
    { what: 'only reviews-v1 left' },
  );
}

describe('make-before-break through the data plane', () => {
  it('no ordering 503 while a job is created, reweighted, taken over, restored, rolled back and taken offline', async () => {
    const before = await orderingFailures(f.sandbox.urls.metrics);
    const load = startLoad(f.sandbox.urls.gateway);
    const ref = { namespace: ns, name: 'reviews-under-fire' };
    await underFire(load);
    await createJob(f.kc, ref.name, spec);
    await waitForJob(f.kc, ref.name, (j) => j.status?.phase === 'Progressing', '50/50');
    for (const weight of [20, 80]) {
      await underFire(load);
      await setWeight(f.kc, ref, weight);
      await waitForJob(
        f.kc,
        ref.name,
        (j) => j.status?.traffic?.[0]?.desired.v2 === weight,
        `weight ${weight}`,
      );
    }
    await underFire(load);
    await takeOver(f.kc, ref, 'v2');
    await waitForJob(f.kc, ref.name, (j) => j.status?.phase === 'TakenOver', 'take-over');
    await underFire(load);
    await restore(f.kc, ref);
    await waitForJob(f.kc, ref.name, (j) => j.status?.phase === 'Progressing', 'restore');
    await underFire(load);
    await rollback(f.kc, ref);
    await waitForJob(f.kc, ref.name, (j) => j.status?.phase === 'RolledBack', 'rollback');
    await underFire(load);
    await finishKeepingV1(ref.name);
    await underFire(load);
    const result = await load.stop();

    expect(result.failures).toEqual([]);
    expect(await orderingFailuresSince(f.sandbox.urls.metrics, before)).toEqual([]);
    // The load really saw the release: both versions answered during it.
    expect(result.counts.v1).toBeGreaterThan(0);
    expect(result.counts.v2).toBeGreaterThan(0);
  });

  const steps: {
    step: string;
    trips: (method: string, path: string, body: string) => boolean;
    check: () => Promise<void>;
  }[] = [
    {
      step: 'after the Deployment',
      trips: (method, path) => method === 'POST' && path.endsWith(`/namespaces/${ns}/deployments`),
      check: async () => {
        expect(await deploymentNames(f.kc)).toContain('reviews-v2');
        expect(await subsetsOfReviews()).toEqual(['v1']);
        expect(await reviewsWeights()).toEqual([]);
      },
    },
    {
      step: 'after the subset',
      trips: (method, path, body) =>
        method === 'PUT' &&
        path.endsWith('/destinationrules/reviews') &&
        body.includes('"name":"v2"'),
      check: async () => {
        expect(await subsetsOfReviews()).toEqual(['v1', 'v2']);
        // While v2 was not ready the controller already routed all to v1; nothing to v2 yet.
        expect(await reviewsWeights()).toEqual([{ v1: 100 }]);
      },
    },
    {
      step: 'after the routes',
      trips: (method, path, body) =>
        (method === 'POST' || method === 'PUT') &&
        /\/virtualservices(\/reviews)?$/.test(path) &&
        body.includes('"subset":"v2"'),
      check: async () => {
        expect(await reviewsWeights()).toEqual([{ v1: 50, v2: 50 }]);
      },
    },
  ];

  it.each(steps)(
    'the controller killed $step: a new one converges, with no ordering 503',
    async ({ step, trips, check }) => {
      const name = `reviews-killed-${step.split(' ').at(-1)!.toLowerCase()}`;
      const before = await orderingFailures(f.sandbox.urls.metrics);
      const load = startLoad(f.sandbox.urls.gateway);
      const proxy = await startDyingProxy(f.kc, trips);
      try {
        await f.stopController();
        await f.startController(proxy.kubeConfig);
        await underFire(load);
        await createJob(f.kc, name, spec);
        await waitFor(() => proxy.dead, {
          timeoutMs: 20_000,
          what: `the controller to reach the write ${step}`,
        });
        // Its requests fail from here on, as a dead process's would: stop it, then look at what it left.
        await f.stopController();
        await check();
        await underFire(load);

        await f.startController();
        await waitForJob(
          f.kc,
          name,
          (j) => j.status?.phase === 'Progressing',
          'convergence after the restart',
        );
        expect(await reviewsWeights()).toEqual([{ v1: 50, v2: 50 }]);
        await waitFor(async () => (await loadPage(f.sandbox.urls.gateway)).seen === 'v2', {
          intervalMs: 0,
          what: 'v2 on a page',
        });
        await underFire(load);
        await finishKeepingV1(name);
      } finally {
        await proxy.close();
        const result = await load.stop();
        expect(result.failures).toEqual([]);
      }
      expect(await orderingFailuresSince(f.sandbox.urls.metrics, before)).toEqual([]);
    },
  );

  it('the checks above do see an ordering 503: a route written by hand to a subset that does not exist', async () => {
    const before = await orderingFailures(f.sandbox.urls.metrics);
    const custom = f.kc.makeApiClient(CustomObjectsApi);
    const vs = {
      group: 'networking.istio.io',
      version: 'v1',
      namespace: ns,
      plural: 'virtualservices',
    };
    await custom.createNamespacedCustomObject({
      ...vs,
      body: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'reviews-broken' },
        spec: {
          hosts: ['reviews'],
          http: [{ route: [{ destination: { host: 'reviews', subset: 'v9' } }] }],
        },
      },
    });
    try {
      const page = await waitFor(
        async () => {
          const answer = await loadPage(f.sandbox.urls.gateway);
          return answer.seen === 'reviews-unavailable' ? answer : undefined;
        },
        { intervalMs: 0, what: 'the broken route to reach the data plane' },
      );
      expect(page.body).toContain('Sorry, product reviews are currently unavailable');
      const grown = await orderingFailuresSince(f.sandbox.urls.metrics, before);
      expect(
        grown.some(
          (s) =>
            s.series.includes('response_flags="NC"') &&
            s.series.includes('destination_service_name="reviews"'),
        ),
      ).toBe(true);
    } finally {
      await custom.deleteNamespacedCustomObject({ ...vs, name: 'reviews-broken' });
    }
  });
});

async function subsetsOfReviews(): Promise<string[]> {
  const dr = (await destinationRules(f.kc)).find((d) => d.metadata.name === 'reviews');
  return (dr?.spec.subsets ?? []).map((s) => s.name).sort();
}

async function reviewsWeights(): Promise<Record<string, number>[]> {
  return weightsOf(
    (await virtualServices(f.kc)).find((vs) => vs.spec.hosts?.includes('reviews')),
    'reviews',
  );
}

/**
 * An HTTP proxy in front of the sandbox's API server for one controller. It forwards everything
 * until a request for which `trips` holds has been carried out by the API server; from then on it
 * cuts every connection and refuses every request, so the controller does nothing more: the
 * cluster is left exactly as a controller killed right after that write leaves it.
 */
async function startDyingProxy(
  kc: KubeConfig,
  trips: (method: string, path: string, body: string) => boolean,
) {
  const cluster = kc.getCurrentCluster()!;
  const target = new URL(cluster.server);
  const ca = cluster.caData ? Buffer.from(cluster.caData, 'base64') : undefined;
  const sockets = new Set<Socket>();
  const state = { dead: false };
  const die = () => {
    state.dead = true;
    for (const socket of sockets) socket.destroy();
  };
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const upstream = httpsRequest(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
        ca,
      },
      (answer) => {
        if (
          trips(req.method ?? '', (req.url ?? '').split('?')[0]!, body.toString('utf8')) &&
          (answer.statusCode ?? 0) < 300
        ) {
          // The write is done in the cluster; the controller never hears back.
          answer.resume();
          answer.on('end', die);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  };
  const server: Server = createServer((req, res) => {
    if (state.dead) return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      state.dead ? req.socket.destroy() : forward(req, res, Buffer.concat(chunks)),
    );
  });
  server.on('connection', (socket) => {
    if (state.dead) return void socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const proxied = new KubeConfig();
  proxied.loadFromOptions({
    clusters: [
      {
        name: 'proxied',
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        skipTLSVerify: true,
      },
    ],
    users: [kc.getCurrentUser()!],
    contexts: [{ name: 'proxied', cluster: 'proxied', user: kc.getCurrentUser()!.name }],
    currentContext: 'proxied',
  });
  return {
    kubeConfig: proxied,
    get dead() {
      return state.dead;
    },
    close: () =>
      new Promise<void>((ok) => {
        die();
        server.close(() => ok());
      }),
  };
}
