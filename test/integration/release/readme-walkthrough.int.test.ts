import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseJob } from '@/lib/domain/release';
import {
  currentVersionOf,
  getReleaseJob,
  offline,
  rollback,
  takeOver,
} from '@/lib/server/release/operations';
import { waitFor } from '../../support/wait-for';
import {
  createJob,
  deploymentNames,
  jobSpec,
  loadPage,
  ns,
  startDataPlaneFixture,
  virtualServices,
  waitForJob,
  warningsOf,
  weightsOf,
  type DataPlaneFixture,
} from './release-fixture';
import { recordWrites, type WriteRecorder } from './write-recorder';

/**
 * The README's walkthrough on the demo project (Bookinfo v1 with Istio's destination-rule-all and
 * gateway, the sandbox answering custom resources with sorted keys as kube-apiserver does): create
 * the 50/50 canary, leave the controller running, then take-over, rollback and offline. The
 * controller resyncs every 100 ms and the quiet spell lasts 60 reconciles of the job: the passes
 * a minute holds at the demo's 1 s resync, without a minute of wall time.
 */

let f: DataPlaneFixture;
let writes: WriteRecorder;
const job = 'reviews-canary';
const ref = { namespace: ns, name: job };
const key = `${ns}/${job}`;
/** Every Conflict condition seen while polling the job, to say it stayed False throughout. */
const conflictsSeen = new Set<string>();

beforeAll(async () => {
  f = await startDataPlaneFixture(12, {}, 100);
  writes = recordWrites(f.sandbox.cluster.service);
});
afterAll(async () => {
  writes?.stop();
  await f?.dispose();
});

async function readJob(): Promise<ReleaseJob> {
  const read = await getReleaseJob(f.kc, ns, job);
  conflictsSeen.add(read.status?.conditions?.find((c) => c.type === 'Conflict')?.status ?? '');
  return read;
}

async function untilPhase(phase: string): Promise<ReleaseJob> {
  await waitForJob(f.kc, job, (j) => j.status?.phase === phase, phase);
  return readJob();
}

describe('the README walkthrough against objects read back with sorted keys', () => {
  it('the 50/50 split is written once and then left alone for a minute of resyncs', async () => {
    const stable = await currentVersionOf(f.kc, ns, 'reviews', 'v2');
    expect(stable).toBe('v1');
    await createJob(
      f.kc,
      job,
      jobSpec('reviews', {
        stableVersion: stable,
        newVersion: {
          version: 'v2',
          image: 'registry.istio.io/release/examples-bookinfo-reviews-v2:1.20.3',
        },
        traffic: { weight: 50 },
      }),
    );
    await untilPhase('Progressing');
    await waitFor(async () => (await loadPage(f.sandbox.urls.gateway)).seen === 'v2', {
      timeoutMs: 10_000,
      intervalMs: 0,
      what: 'v2 on a page',
    });

    // The VirtualService pins reviews to v1 before reviews-v2 has pods (make-before-break), then
    // takes the split once they are ready: two writes, and none after.
    expect(writes.of('virtualservices', 'reviews').map((w) => w.verb)).toEqual([
      'create',
      'update',
    ]);
    const before = writes.writes.length;
    const from = f.reconciles.get(key) ?? 0;
    await waitFor(
      async () => {
        await readJob();
        return (f.reconciles.get(key) ?? 0) - from >= 60;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: '60 reconciles after the split' },
    );
    await f.controller!.idle();

    // Nothing written during the minute by the controller or an operation.
    expect(
      writes.writes
        .slice(before)
        .filter((w) => w.manager === 'aviary-controller' || w.manager === 'aviary'),
    ).toEqual([]);
    // One write of the new version's Deployment (its creation); Istio's own destination-rule-all
    // already has the v2 subset, so it is not written at all.
    expect(writes.of('virtualservices', 'reviews').map((w) => w.verb)).toEqual([
      'create',
      'update',
    ]);
    expect(writes.of('deployments', 'reviews-v2').map((w) => w.verb)).toEqual(['create']);
    expect(writes.of('destinationrules', 'reviews')).toEqual([]);
    expect(await warningsOf(f.kc, job)).toEqual([]);
    const now = await readJob();
    expect(now.status?.overrides ?? []).toEqual([]);
    expect(
      weightsOf(
        (await virtualServices(f.kc)).find((v) => v.metadata.name === 'reviews'),
        'reviews',
      ),
    ).toEqual([{ v1: 50, v2: 50 }]);
  });

  it('take-over and rollback write the route once each, offline removes it, with no override and no Conflict', async () => {
    await takeOver(f.kc, ref, 'v2');
    await untilPhase('TakenOver');
    await rollback(f.kc, ref);
    await untilPhase('RolledBack');
    // One write each: the take-over, the rollback.
    expect(writes.of('virtualservices', 'reviews').map((w) => w.verb)).toEqual([
      'create',
      'update',
      'update',
      'update',
    ]);

    await offline(f.kc, ref, 'v1');
    const done = await untilPhase('Offline');
    expect(done.status?.message).toBe('offline: kept v1, removed v2');
    // reviews-v2 was Aviary's: offline removes it, as before.
    await waitFor(async () => !(await deploymentNames(f.kc)).includes('reviews-v2'), {
      timeoutMs: 20_000,
      what: 'reviews-v2 removed',
    });
    await f.controller!.idle();
    expect(writes.of('destinationrules', 'reviews')).toEqual([]);
    expect(await warningsOf(f.kc, job)).toEqual([]);
    expect([...conflictsSeen]).toEqual(['False']);
    const events = await f.kc.makeApiClient(CoreV1Api).listNamespacedEvent({
      namespace: ns,
      fieldSelector: `involvedObject.name=${job},reason=RouteOverridden`,
    });
    expect(events.items).toEqual([]);
  });
});
