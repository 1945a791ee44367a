/**
 * A namespace holding Istio's whole bookinfo.yaml (reviews v1, v2 and v3, none of them Aviary's):
 * a release of reviews v2 must never take reviews-v2 over by accident, and an adopted one is
 * routed to but never changed or deleted.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseJob } from '@/lib/domain/release';
import { getReleaseJob } from '@/lib/server/release/operations';
import { runAviary } from '../../support/aviary-cli';
import { kubectl } from '../../support/kubectl';
import { waitFor } from '../../support/wait-for';
import {
  deleteJob,
  destinationRules,
  jobExists,
  jobSpec,
  ns,
  startReleaseFixture,
  virtualServices,
  waitForJob,
  weightsOf,
  type ReleaseFixture,
} from '../release/release-fixture';

const bookinfoYaml = fileURLToPath(
  new URL('../../../lib/sandbox/assets/bookinfo/bookinfo.yaml', import.meta.url),
);
const otherImage = 'docker.io/example/reviews:v2-custom';
let f: ReleaseFixture;

const aviary = (args: string[]) =>
  runAviary(['job', ...args], { kubeconfig: f.sandbox.cluster.kubeconfigPath });
/** `aviary job create reviews-canary` of reviews v2 over stable v1, with these flags besides. */
const createReviewsV2Canary = (flags: string[]) =>
  aviary([
    'create',
    'reviews-canary',
    '-n',
    ns,
    '--service',
    'reviews',
    '--stable',
    'v1',
    '--version',
    'v2',
    ...flags,
  ]);
/** Expects no VirtualService and no DestinationRule in the namespace: nothing routed. */
const expectNothingRouted = async () => {
  expect(await virtualServices(f.kc)).toEqual([]);
  expect(await destinationRules(f.kc)).toEqual([]);
};

const apps = () => f.kc.makeApiClient(AppsV1Api);
const deployment = (name: string) => apps().readNamespacedDeployment({ namespace: ns, name });
/** What of a Deployment a take-over would change: its spec, labels and owners. */
const shape = (d: V1Deployment) => ({
  generation: d.metadata?.generation,
  labels: d.metadata?.labels,
  ownerReferences: d.metadata?.ownerReferences,
  spec: d.spec,
});
const aviaryLabels = (d: V1Deployment) =>
  Object.keys(d.metadata?.labels ?? {}).filter(
    (l) => l.includes('aviary') || l.includes('managed-by'),
  );

beforeAll(async () => {
  f = await startReleaseFixture();
  const run = await kubectl('kubectl', ['-n', ns, 'apply', '-f', bookinfoYaml], {
    kubeconfig: f.sandbox.cluster.kubeconfigPath,
    cacheDir: join(f.sandbox.dataDir, 'kubectl-cache'),
  });
  expect(run.stderr).toBe('');
  await waitFor(
    async () =>
      (await apps().listNamespacedDeployment({ namespace: ns })).items.filter(
        (d) => (d.status?.readyReplicas ?? 0) > 0,
      ).length === 6,
    { timeoutMs: 30_000, what: "bookinfo's six Deployments ready" },
  );
});
afterAll(async () => f?.dispose());

describe('a release of reviews v2 where bookinfo.yaml already runs reviews-v2', () => {
  let original: V1Deployment;

  it('without --adopt is refused with the reason, and changes nothing', async () => {
    original = await deployment('reviews-v2');
    const run = await createReviewsV2Canary(['--image', otherImage]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'reviews-v2 already exists and was not created by Aviary: choose another version label, or adopt it',
    );
    expect(await jobExists(f.kc, 'reviews-canary')).toBe(false);
    await expectNothingRouted();
    const after = await deployment('reviews-v2');
    expect(after.metadata?.resourceVersion).toBe(original.metadata?.resourceVersion);
  });

  it('with --adopt (no --image) splits 50/50 to reviews-v2 as it is', async () => {
    const run = await createReviewsV2Canary(['--adopt', '--weight', '50']);
    expect(run).toMatchObject({
      code: 0,
      stdout: 'releasejob.aviary.dev/reviews-canary created\n',
    });
    const job = await waitForJob(
      f.kc,
      'reviews-canary',
      (j) => j.status?.phase === 'Progressing',
      'the split to the adopted reviews-v2',
    );
    expect(job.spec.newVersion).toEqual({ version: 'v2', adopt: true });
    expect(job.status?.traffic?.map((t) => t.applied)).toEqual([{ v1: 50, v2: 50 }]);
    expect(weightsOf((await virtualServices(f.kc))[0], 'reviews')).toEqual([{ v1: 50, v2: 50 }]);
    expect(shape(await deployment('reviews-v2'))).toEqual(shape(original));
  });

  it('an edit of the image is refused: Aviary never changes an adopted Deployment', async () => {
    const run = await aviary(['edit', 'reviews-canary', '-n', ns, '--image', otherImage]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('an adopted Deployment is taken as it is');
    expect(shape(await deployment('reviews-v2'))).toEqual(shape(original));
  });

  it('offline --keep v1 removes the routes and subsets and leaves reviews-v2 with its own image and no Aviary label', async () => {
    expect((await aviary(['offline', 'reviews-canary', '-n', ns, '--keep', 'v1'])).code).toBe(0);
    const job = await waitForJob(
      f.kc,
      'reviews-canary',
      (j) => j.status?.phase === 'Offline',
      'offline',
    );
    const message =
      'offline: kept v1, removed the routes and subset of v2; Deployment reviews-v2 was adopted, not created by Aviary, so it stays';
    expect(job.status?.message).toBe(message);
    await expectNothingRouted();
    const kept = await deployment('reviews-v2');
    expect(kept.metadata?.deletionTimestamp).toBeUndefined();
    expect(kept.spec?.template?.spec?.containers?.[0]?.image).toBe(
      'registry.istio.io/release/examples-bookinfo-reviews-v2:1.20.3',
    );
    expect(aviaryLabels(kept)).toEqual([]);
    expect(shape(kept)).toEqual(shape(original));
    const events = await f.kc.makeApiClient(CoreV1Api).listNamespacedEvent({
      namespace: ns,
      fieldSelector: 'involvedObject.name=reviews-canary,reason=Offline',
    });
    expect(
      events.items
        .filter((e) => e.source?.component === 'aviary-release-controller')
        .map((e) => e.message),
    ).toEqual([message]);

    await deleteJob(f.kc, 'reviews-canary');
    await waitFor(async () => !(await jobExists(f.kc, 'reviews-canary')), { what: 'job gone' });
    await f.sandbox.cluster.idle();
    expect(shape(await deployment('reviews-v2'))).toEqual(shape(original));
  });

  it('a job written around the CLI (kubectl apply) that names reviews-v3 without adopt fails and routes nothing; its offline keeps reviews-v3', async () => {
    const before = await deployment('reviews-v3');
    await f.kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'aviary.dev',
      version: 'v1alpha1',
      namespace: ns,
      plural: 'releasejobs',
      body: {
        apiVersion: 'aviary.dev/v1alpha1',
        kind: 'ReleaseJob',
        metadata: { name: 'reviews-v3-canary' },
        spec: jobSpec('reviews', {
          newVersion: { version: 'v3', image: otherImage },
        }),
      },
    });
    const failed = await waitFor(
      async () => {
        const job: ReleaseJob = await getReleaseJob(f.kc, ns, 'reviews-v3-canary');
        return job.status?.phase === 'Failed' ? job : undefined;
      },
      { what: 'the job to fail' },
    );
    expect(failed.status).toMatchObject({
      reason: 'NotCreatedByAviary',
      message:
        'reviews-v3 already exists and was not created by Aviary: choose another version label, or adopt it',
    });
    await f.controller.idle();
    await expectNothingRouted();
    expect(shape(await deployment('reviews-v3'))).toEqual(shape(before));

    expect((await aviary(['offline', 'reviews-v3-canary', '-n', ns, '--keep', 'v1'])).code).toBe(0);
    const done = await waitForJob(
      f.kc,
      'reviews-v3-canary',
      (j) => j.status?.phase === 'Offline',
      'offline',
    );
    expect(done.status?.message).toBe(
      'offline: kept v1, removed the routes and subset of v3; Deployment reviews-v3 was not created by Aviary, so it stays',
    );
    expect(shape(await deployment('reviews-v3'))).toEqual(shape(before));
    expect((await apps().listNamespacedDeployment({ namespace: ns })).items.length).toBe(6);
  });
});
