import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offline, restore, rollback, setWeight, takeOver } from '@/lib/server/release/operations';
import { CoreV1Api } from '@kubernetes/client-node';
import { kubectl } from '../../support/kubectl';
import { waitFor } from '../../support/wait-for';
import {
  createJob,
  createService,
  deleteJob,
  deploymentNames,
  destinationRules,
  jobExists,
  jobSpec,
  ns,
  startReleaseFixture,
  virtualServices,
  waitForJob,
  weightsOf,
  type ReleaseFixture,
} from './release-fixture';

let f: ReleaseFixture;
const ref = { namespace: ns, name: 'reviews-canary' };

beforeAll(async () => {
  f = await startReleaseFixture();
  await createService(f.kc, 'reviews');
});
afterAll(async () => f?.dispose());

describe('canary of reviews v1 -> v2 (the walkthrough), against the sandbox API server', () => {
  it('creates reviews-v2, the subsets, then a 50/50 VirtualService that kubectl shows as the issue says', async () => {
    await createJob(f.kc, 'reviews-canary', jobSpec('reviews'));
    const job = await waitForJob(
      f.kc,
      'reviews-canary',
      (j) => j.status?.phase === 'Progressing',
      'the 50/50 split',
    );
    expect(job.status?.traffic).toEqual([
      {
        virtualService: 'reviews',
        route: 'reviews-canary-aviary-default',
        port: 9080,
        protocol: 'http',
        desired: { v1: 50, v2: 50 },
        applied: { v1: 50, v2: 50 },
      },
    ]);
    expect(await deploymentNames(f.kc)).toEqual(['reviews-v1', 'reviews-v2']);

    const run = await kubectl('kubectl', ['-n', ns, 'get', 'virtualservice', '-o', 'yaml'], {
      kubeconfig: f.sandbox.cluster.kubeconfigPath,
      cacheDir: join(f.sandbox.dataDir, 'kubectl-cache'),
    });
    expect(run.stderr).toBe('');
    const list = parse(run.stdout) as {
      items: { spec: { hosts: string[]; http: { route: unknown[] }[] } }[];
    };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.spec.hosts).toEqual(['reviews']);
    expect(list.items[0]!.spec.http[0]!.route).toEqual([
      { destination: { host: 'reviews', port: { number: 9080 }, subset: 'v1' }, weight: 50 },
      { destination: { host: 'reviews', port: { number: 9080 }, subset: 'v2' }, weight: 50 },
    ]);
    const [dr] = await destinationRules(f.kc);
    expect(dr!.spec.subsets!.map((s) => s.name)).toEqual(['v1', 'v2']);

    // The API server names writers after their User-Agent: the user's change is `aviary`'s, the
    // objects the controller wrote are `aviary-controller`'s (not client-node's `node-fetch`).
    const managers = (o: { metadata: object }) => [
      ...new Set(
        (o.metadata as { managedFields?: { manager?: string }[] }).managedFields?.map(
          (m) => m.manager,
        ),
      ),
    ];
    expect(managers(job)).toEqual(['aviary', 'aviary-controller']);
    expect(managers((await virtualServices(f.kc))[0]!)).toEqual(['aviary-controller']);
    expect(managers(dr!)).toEqual(['aviary-controller']);
  });

  it('take-over gives all to v2, restore brings the split back, rollback all to v1', async () => {
    await takeOver(f.kc, ref, 'v2');
    await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'TakenOver', 'take-over');
    expect(weightsOf((await virtualServices(f.kc))[0], 'reviews')).toEqual([{ v2: 100 }]);

    await restore(f.kc, ref);
    await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'Progressing', 'restore');
    expect(weightsOf((await virtualServices(f.kc))[0], 'reviews')).toEqual([{ v1: 50, v2: 50 }]);

    await setWeight(f.kc, ref, 20);
    await waitForJob(
      f.kc,
      'reviews-canary',
      (j) => j.status?.traffic?.[0]?.desired.v2 === 20,
      'weight 20',
    );
    expect(weightsOf((await virtualServices(f.kc))[0], 'reviews')).toEqual([{ v1: 80, v2: 20 }]);

    await rollback(f.kc, ref);
    const job = await waitForJob(
      f.kc,
      'reviews-canary',
      (j) => j.status?.phase === 'RolledBack',
      'rollback',
    );
    expect(weightsOf((await virtualServices(f.kc))[0], 'reviews')).toEqual([{ v1: 100 }]);
    expect(job.status?.history?.map((e) => e.action)).toEqual([
      'Create',
      'TakeOver',
      'Restore',
      'SetWeight',
      'Rollback',
    ]);
    expect(job.status?.history?.at(-1)?.actor).toBeTruthy();
  });

  it('offline keeping v2 leaves only v2, no routes, subsets or marks; deleting the job keeps v2 running', async () => {
    await restore(f.kc, ref);
    await takeOver(f.kc, ref, 'v2');
    await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'TakenOver', 'take-over');
    await offline(f.kc, ref, 'v2');
    await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'Offline', 'offline');
    await waitFor(async () => (await deploymentNames(f.kc)).join() === 'reviews-v2', {
      what: 'only reviews-v2 left',
    });
    expect(await virtualServices(f.kc)).toEqual([]);
    expect(await destinationRules(f.kc)).toEqual([]);
    const kept = await f.kc
      .makeApiClient((await import('@kubernetes/client-node')).AppsV1Api)
      .readNamespacedDeployment({ namespace: ns, name: 'reviews-v2' });
    expect(kept.metadata?.ownerReferences ?? []).toEqual([]);
    expect(
      Object.keys(kept.metadata?.labels ?? {}).filter(
        (l) => l.includes('aviary') || l.includes('managed-by'),
      ),
    ).toEqual([]);
    // Offline is done once: one event saying so, not a second pass after a stale status write.
    await f.controller.idle();
    const offlineEvents = (
      await f.kc.makeApiClient(CoreV1Api).listNamespacedEvent({
        namespace: ns,
        fieldSelector: 'involvedObject.name=reviews-canary,reason=Offline',
      })
    ).items.filter((e) => e.source?.component === 'aviary-release-controller');
    expect(offlineEvents.map((e) => e.message)).toEqual(['offline: kept v2, removed v1']);

    await deleteJob(f.kc, 'reviews-canary');
    await waitFor(async () => !(await jobExists(f.kc, 'reviews-canary')), {
      what: 'the job deleted',
    });
    await f.sandbox.cluster.idle();
    expect(await deploymentNames(f.kc)).toEqual(['reviews-v2']);
  });
});
