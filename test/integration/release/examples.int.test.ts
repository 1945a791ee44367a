/**
 * The ReleaseJob examples in deploy/examples, applied with the machine's kubectl as a user would,
 * each do what its comment says; docs/release-jobs.md points at them, so they must stay true.
 * One job at a time: a service has at most one active job.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseJob } from '@/lib/domain/release';
import { kubectl } from '../../support/kubectl';
import { waitFor } from '../../support/wait-for';
import {
  createService,
  deploymentNames,
  ns,
  startReleaseFixture,
  virtualServices,
  waitForJob,
  weightsOf,
  type ReleaseFixture,
} from './release-fixture';

const examples = fileURLToPath(new URL('../../../deploy/examples/', import.meta.url));
let f: ReleaseFixture;

const run = async (...args: string[]) => {
  const result = await kubectl('kubectl', ['-n', ns, ...args], {
    kubeconfig: f.sandbox.cluster.kubeconfigPath,
    cacheDir: join(f.sandbox.dataDir, 'kubectl-cache'),
  });
  expect(result.stderr).toBe('');
  return result.stdout;
};

/** Applies an example, checks it, then deletes it and waits until the service is as before. */
async function tryExample(file: string, name: string, check: (job: ReleaseJob) => Promise<void>) {
  expect(await run('apply', '-f', join(examples, file))).toBe(
    `releasejob.aviary.dev/${name} created\n`,
  );
  const job = (await f.kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group: 'aviary.dev',
    version: 'v1alpha1',
    namespace: ns,
    plural: 'releasejobs',
    name,
  })) as ReleaseJob;
  await check(job);
  await run('delete', '-f', join(examples, file), '--wait=false');
  await waitFor(
    async () =>
      (await virtualServices(f.kc)).length === 0 &&
      (await deploymentNames(f.kc)).join() === 'reviews-v1',
    { what: `${name} cleaned up` },
  );
}

beforeAll(async () => {
  f = await startReleaseFixture();
  await createService(f.kc, 'reviews');
});
afterAll(async () => f?.dispose());

describe('deploy/examples', () => {
  it('reviews-canary-by-content: jason to v2, half of the iPhone requests, 10 % of the rest', async () => {
    await tryExample('reviews-canary-by-content.yaml', 'reviews-canary', async () => {
      await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'Progressing', 'split');
      const [vs] = await virtualServices(f.kc);
      expect(vs!.spec.http!.map((r) => r.match)).toEqual([
        [{ headers: { 'end-user': { exact: 'jason' } } }],
        [
          {
            headers: { 'user-agent': { regex: expect.any(String) as string } },
            uri: { prefix: '/reviews' },
          },
        ],
        undefined,
      ]);
      expect(weightsOf(vs, 'reviews')).toEqual([
        { v2: 100 },
        { v1: 50, v2: 50 },
        { v1: 90, v2: 10 },
      ]);
    });
  });

  it('reviews-progressive: 10 %, then the gate holds the job, saying why', async () => {
    await tryExample('reviews-progressive.yaml', 'reviews-progressive', async () => {
      // This fixture's controller has no metrics source: the gate cannot judge, so it waits.
      const job = await waitForJob(
        f.kc,
        'reviews-progressive',
        (j) => j.status?.reason === 'AnalysisInconclusive',
        'the inconclusive gate',
      );
      expect(job.status).toMatchObject({ phase: 'Paused', currentStep: 1 });
      expect(job.status?.analysis?.[0]?.message).toBe('no metrics source is configured');
      expect(weightsOf((await virtualServices(f.kc))[0], 'reviews')).toEqual([{ v1: 90, v3: 10 }]);
    });
  });

  it('reviews-blue-green: v2 with two replicas takes every request once ready', async () => {
    await tryExample('reviews-blue-green.yaml', 'reviews-blue-green', async () => {
      await waitForJob(f.kc, 'reviews-blue-green', (j) => j.status?.phase === 'Progressing', 'v2');
      expect(weightsOf((await virtualServices(f.kc))[0], 'reviews')).toEqual([{ v2: 100 }]);
      const v2 = await f.kc
        .makeApiClient(AppsV1Api)
        .readNamespacedDeployment({ namespace: ns, name: 'reviews-v2' });
      expect(v2.spec?.replicas).toBe(2);
    });
  });

  it('reviews-mirror: v1 serves, half of the requests copied to v2', async () => {
    await tryExample('reviews-mirror.yaml', 'reviews-mirror', async () => {
      await waitForJob(f.kc, 'reviews-mirror', (j) => j.status?.phase === 'Progressing', 'mirror');
      const [route] = (await virtualServices(f.kc))[0]!.spec.http!;
      expect(route).toMatchObject({
        route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }],
        mirror: { host: 'reviews', subset: 'v2' },
        mirrorPercentage: { value: 50 },
      });
    });
  });
});
