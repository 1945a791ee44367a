/**
 * How fast a release operation reaches the data plane, end to end: from the API call to the first
 * /productpage (through the ingress gateway and productpage's sidecar) that shows the change, on
 * the full sandbox in this process. Each figure has its baseline in the same run: the same
 * VirtualService change written directly, with no job and no controller, so the ratio is what
 * the release controller adds over Istio's own propagation.
 *
 * - rollback: from a take-over by v2 (every page has black stars), `rollback`; done at the first
 *   page without stars, the first one routed by the new config (one productpage sidecar decides).
 * - weight change: `set-weight` between 100 and 0 % to v2 in a canary, the first page of the
 *   version that now has all of it.
 * Pages are loaded one after another (about 10 ms each), which is the resolution. Seeded routing,
 * fixed counts: the run is bounded (about 30 s).
 */
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { seededRandom } from '../lib/domain/istio/seeded-random';
import { startReleaseController, type ReleaseController } from '../lib/server/release/controller';
import {
  createReleaseJob,
  getReleaseJob,
  restore,
  rollback,
  setWeight,
  takeOver,
} from '../lib/server/release/operations';
import { startSandbox, type Sandbox } from '../lib/sandbox/sandbox';
import { makeTempDir } from '../test/support/temp-dir';
import { compared, type BenchRow } from './support/bench-types';
import { percentile } from './support/stats';

const rounds = 25;
const ns = 'demo-project';
const ref = { namespace: ns, name: 'reviews-bench' };

async function pageVersion(gateway: string): Promise<string> {
  const html = await (await fetch(`${gateway}/productpage`)).text();
  if (!html.includes('Book Reviews') || html.includes('Error fetching product reviews'))
    return 'error';
  return html.includes('<font color="black">')
    ? 'v2'
    : html.includes('<font color="red">')
      ? 'v3'
      : 'v1';
}

/** Loads pages until one shows `version`; a bound keeps a broken run from spinning forever. */
async function firstPage(gateway: string, version: string): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) if ((await pageVersion(gateway)) === version) return;
  throw new Error(`no page showed reviews ${version} within 10 s`);
}

/** Milliseconds from calling `change` to the first page showing `version`. */
async function timeToPage(
  gateway: string,
  version: string,
  change: () => Promise<unknown>,
): Promise<number> {
  const start = performance.now();
  await change();
  await firstPage(gateway, version);
  return performance.now() - start;
}

/** Ensures a clean state before a timed round: several pages in a row show `version`. */
async function settle(gateway: string, version: string): Promise<void> {
  await firstPage(gateway, version);
  for (let i = 0; i < 3; i++)
    if ((await pageVersion(gateway)) !== version) return settle(gateway, version);
}

async function waitForPhase(kc: KubeConfig, phase: string): Promise<void> {
  const deadline = performance.now() + 20_000;
  while ((await getReleaseJob(kc, ns, ref.name)).status?.phase !== phase) {
    if (performance.now() > deadline) throw new Error(`the job never reached ${phase}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Through the controller: rollback from a take-over, and weight changes between 100 and 0. */
async function measureController(
  sandbox: Sandbox,
  kc: KubeConfig,
): Promise<{ rollback: number[]; weight: number[] }> {
  const gateway = sandbox.urls.gateway;
  const rollbackMs: number[] = [];
  const weightMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await restore(kc, ref);
    await takeOver(kc, ref, 'v2');
    await settle(gateway, 'v2');
    rollbackMs.push(await timeToPage(gateway, 'v1', () => rollback(kc, ref)));
  }
  await restore(kc, ref);
  await setWeight(kc, ref, 0);
  await settle(gateway, 'v1');
  for (let i = 0; i < rounds; i++) {
    weightMs.push(await timeToPage(gateway, 'v2', () => setWeight(kc, ref, 100)));
    await settle(gateway, 'v2');
    weightMs.push(await timeToPage(gateway, 'v1', () => setWeight(kc, ref, 0)));
    await settle(gateway, 'v1');
  }
  return { rollback: rollbackMs, weight: weightMs };
}

/** Baseline: the same VirtualService changes written directly (read, then replace), no controller. */
async function measureDirect(
  sandbox: Sandbox,
  kc: KubeConfig,
): Promise<{ rollback: number[]; weight: number[] }> {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const at = {
    group: 'networking.istio.io',
    version: 'v1',
    namespace: ns,
    plural: 'virtualservices',
    name: 'reviews',
  };
  const write = async (weights: Record<string, number>) => {
    const live = (await custom.getNamespacedCustomObject(at)) as {
      spec: { http: { route: unknown[] }[] };
    };
    const route = Object.entries(weights).map(([subset, weight]) => ({
      destination: { host: 'reviews', port: { number: 9080 }, subset },
      weight,
    }));
    await custom.replaceNamespacedCustomObject({
      ...at,
      body: { ...live, spec: { ...live.spec, http: [{ ...live.spec.http[0], route }] } },
    });
  };
  const gateway = sandbox.urls.gateway;
  const rollbackMs: number[] = [];
  const weightMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await write({ v2: 100 });
    await settle(gateway, 'v2');
    rollbackMs.push(await timeToPage(gateway, 'v1', () => write({ v1: 100 })));
  }
  await settle(gateway, 'v1');
  for (let i = 0; i < rounds; i++) {
    weightMs.push(await timeToPage(gateway, 'v2', () => write({ v1: 0, v2: 100 })));
    await settle(gateway, 'v2');
    weightMs.push(await timeToPage(gateway, 'v1', () => write({ v1: 100, v2: 0 })));
    await settle(gateway, 'v1');
  }
  return { rollback: rollbackMs, weight: weightMs };
}

export async function run(): Promise<BenchRow[]> {
  const dir = makeTempDir('bench-release');
  const sandbox = await startSandbox({
    dataDir: dir.path,
    ports: { api: 0, gateway: 0, jaeger: 0, otlp: 0, metrics: 0 },
    seedDemo: true,
    random: seededRandom(42),
  });
  let controller: ReleaseController | undefined;
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(sandbox.urls.kubeconfig);
    const boot = performance.now() + 30_000;
    while ((await pageVersion(sandbox.urls.gateway).catch(() => 'error')) !== 'v1') {
      if (performance.now() > boot) throw new Error('Bookinfo never answered through the gateway');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    controller = await startReleaseController({ kubeConfig: kc });
    await createReleaseJob(kc, {
      namespace: ns,
      name: ref.name,
      spec: {
        service: 'reviews',
        mode: 'Canary',
        stableVersion: 'v1',
        newVersion: {
          version: 'v2',
          image: 'registry.istio.io/release/examples-bookinfo-reviews-v2:1.20.3',
        },
        traffic: { weight: 50 },
      },
    });
    await waitForPhase(kc, 'Progressing');
    const viaController = await measureController(sandbox, kc);
    // The controller would put its routes back: it is stopped before the VirtualService is written by hand.
    await controller.stop();
    controller = undefined;
    const direct = await measureDirect(sandbox, kc);

    const rows: BenchRow[] = [];
    for (const [name, ours, theirs] of [
      ['rollback: API call to 100 % stable on the page', viaController.rollback, direct.rollback],
      ['weight change 0 <-> 100 % to the page', viaController.weight, direct.weight],
    ] as const) {
      for (const p of [50, 99]) {
        rows.push(
          compared({
            name: `${name} (${ours.length} runs)`,
            metric: `p${p}`,
            value: percentile(ours, p),
            baseline: percentile(theirs, p),
            unit: 'ms',
          }),
        );
      }
    }
    return rows;
  } finally {
    await controller?.stop();
    await sandbox.stop();
    dir.remove();
  }
}
