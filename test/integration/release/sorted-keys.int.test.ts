import { AppsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReleaseJob } from '@/lib/server/release/operations';
import { waitFor } from '../../support/wait-for';
import {
  createIstio,
  createJob,
  createService,
  jobSpec,
  ns,
  startReleaseFixture,
  waitForJob,
  warningsOf,
  type ReleaseFixture,
} from './release-fixture';
import { recordWrites } from './write-recorder';

/**
 * A real kube-apiserver answers with a custom resource's keys sorted (`{host, port, subset}`),
 * where Aviary's builders write `{host, subset, port}`; so does the sandbox. A controller that
 * compared the two as text rewrote the VirtualService on every reconcile and counted each rewrite
 * as someone's override: a Conflict within seconds of every split. Here the controller resyncs
 * every 100 ms, and each case waits for 60 reconciles of the job: the passes a minute holds at
 * the 1 s resync of the demo's controller, and more than 12 minutes of the 5-minute default.
 */

let f: ReleaseFixture;
const resyncMs = 100;
/** Resync passes in a minute at a 1 s resync. */
const passes = 60;

beforeAll(async () => {
  f = await startReleaseFixture({}, {}, resyncMs);
});
afterAll(async () => f?.dispose());

const istio = (plural: string, name: string) => ({
  group: 'networking.istio.io',
  version: 'v1',
  namespace: ns,
  plural,
  name,
});
const resourceVersionOf = async (plural: string, name: string) =>
  (
    (await f.kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject(istio(plural, name))) as {
      metadata: { resourceVersion: string };
    }
  ).metadata.resourceVersion;

/** Waits for `passes` more reconciles of the job, then says what was written meanwhile. */
async function quietFor(job: string) {
  await f.controller.idle();
  const recorder = recordWrites(f.sandbox.cluster.service);
  const key = `${ns}/${job}`;
  const from = f.reconciles.get(key) ?? 0;
  await waitFor(() => (f.reconciles.get(key) ?? 0) - from >= passes, {
    timeoutMs: 60_000,
    intervalMs: resyncMs,
    what: `${passes} reconciles of ${job}`,
  });
  await f.controller.idle();
  recorder.stop();
  return recorder.writes.filter((w) => w.manager === 'aviary-controller');
}

describe('reconciles against objects read back with sorted keys', () => {
  it("its own VirtualService and DestinationRule: no write, no RouteOverridden, no Conflict over a minute's resyncs", async () => {
    await createService(f.kc, 'reviews');
    await createJob(f.kc, 'reviews-canary', jobSpec('reviews'));
    await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'Progressing', 'split');
    const before = {
      vs: await resourceVersionOf('virtualservices', 'reviews'),
      dr: await resourceVersionOf('destinationrules', 'reviews'),
    };

    expect(await quietFor('reviews-canary')).toEqual([]);
    expect(await resourceVersionOf('virtualservices', 'reviews')).toBe(before.vs);
    expect(await resourceVersionOf('destinationrules', 'reviews')).toBe(before.dr);
    expect(await warningsOf(f.kc, 'reviews-canary')).toEqual([]);
    const job = await getReleaseJob(f.kc, ns, 'reviews-canary');
    expect(job.status?.phase).toBe('Progressing');
    expect(job.status?.conditions?.find((c) => c.type === 'Conflict')?.status).toBe('False');
    expect(job.status?.overrides ?? []).toEqual([]);
    const v2 = await f.kc
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ namespace: ns, name: 'reviews-v2' });
    expect(v2.metadata?.generation).toBe(1);
  });

  it("someone else's VirtualService and DestinationRule, with the release record: no write over a minute's resyncs", async () => {
    await createService(f.kc, 'ratings');
    await createIstio(f.kc, 'virtualservices', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'ratings', namespace: ns },
      spec: {
        http: [
          {
            route: [{ weight: 100, destination: { subset: 'v1', host: 'ratings' } }],
            name: 'main',
            timeout: '5s',
          },
        ],
        hosts: ['ratings'],
      },
    });
    await createIstio(f.kc, 'destinationrules', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'ratings', namespace: ns },
      spec: {
        subsets: [{ labels: { version: 'v1' }, name: 'v1' }],
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
        host: 'ratings',
      },
    });
    await createJob(f.kc, 'ratings-canary', jobSpec('ratings', { traffic: { weight: 20 } }));
    await waitForJob(f.kc, 'ratings-canary', (j) => j.status?.phase === 'Progressing', 'split');

    expect(await quietFor('ratings-canary')).toEqual([]);
    expect(await warningsOf(f.kc, 'ratings-canary')).toEqual([]);
    const job = await getReleaseJob(f.kc, ns, 'ratings-canary');
    expect(job.status?.conditions?.find((c) => c.type === 'Conflict')?.status).toBe('False');
    expect(job.status?.traffic?.map((t) => t.applied)).toEqual([{ v1: 80, v2: 20 }]);
  });
});
