/**
 * Jobs the controller cannot carry out say why, in the status and in a Warning Event, and change
 * nothing in the mesh; a job waiting for what it lacks goes on once it is there.
 */
import { AppsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadyMarkingRuntime } from '@/lib/sandbox/controllers';
import { waitFor } from '../../support/wait-for';
import {
  createService,
  jobSpec,
  ns,
  startReleaseFixture,
  virtualServices,
  waitForJob,
  warningsOf,
  weightsOf,
  type ReleaseFixture,
} from './release-fixture';

let f: ReleaseFixture;
beforeAll(async () => {
  // Images with "missing" in their name cannot be pulled, as on a node that cannot find them.
  f = await startReleaseFixture(
    {
      podRuntime: new ReadyMarkingRuntime({
        isImageKnown: (image) => !image.includes('missing'),
        backOffAfterMs: 200,
      }),
    },
    // A job waiting on its pods is looked at again after 1 s here (15 s by default).
    { waitRequeueMs: 1_000 },
  );
});
afterAll(async () => f?.dispose());

const warnings = (job: string) => warningsOf(f.kc, job);

const createJobObject = (name: string, spec: object) =>
  // Straight to the API server, as kubectl apply would: no client-side checks on the way.
  f.kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
    group: 'aviary.dev',
    version: 'v1alpha1',
    namespace: ns,
    plural: 'releasejobs',
    body: { apiVersion: 'aviary.dev/v1alpha1', kind: 'ReleaseJob', metadata: { name }, spec },
  });

describe('jobs the controller cannot carry out', () => {
  it('no stable Deployment: Failed with a Warning Event, then goes on once the Deployment exists', async () => {
    await createService(f.kc, 'details');
    // The service's pods are labelled v1; the job says the stable version is v0.
    await createJobObject('details-canary', jobSpec('details', { stableVersion: 'v0' }));
    const failed = await waitForJob(
      f.kc,
      'details-canary',
      (j) => j.status?.phase === 'Failed',
      'the failure',
    );
    expect(failed.status).toMatchObject({
      reason: 'StableNotFound',
      message: 'no Deployment with app=details,version=v0',
    });
    await waitFor(async () => (await warnings('details-canary')).length > 0, {
      what: 'the Warning Event',
    });
    expect(await warnings('details-canary')).toEqual([
      ['StableNotFound', 'no Deployment with app=details,version=v0'],
    ]);
    expect(await virtualServices(f.kc)).toEqual([]);

    const apps = f.kc.makeApiClient(AppsV1Api);
    const v1 = await apps.readNamespacedDeployment({ namespace: ns, name: 'details-v1' });
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'details-v0', labels: { app: 'details', version: 'v0' } },
        spec: {
          ...v1.spec!,
          selector: { matchLabels: { app: 'details', version: 'v0' } },
          template: {
            ...v1.spec!.template,
            metadata: { labels: { app: 'details', version: 'v0' } },
          },
        },
      },
    });
    await waitForJob(
      f.kc,
      'details-canary',
      (j) => j.status?.phase === 'Progressing',
      'the split once the stable version exists',
    );
  });

  it('a new version that cannot start: the job waits, saying which pod and why, with one Warning', async () => {
    await createService(f.kc, 'productpage');
    await createJobObject(
      'productpage-canary',
      jobSpec('productpage', {
        newVersion: { version: 'v2', image: 'example.com/productpage-missing:2' },
      }),
    );
    const waiting = await waitForJob(
      f.kc,
      'productpage-canary',
      (j) => /ErrImagePull|ImagePullBackOff/.test(j.status?.message ?? ''),
      'the reason in the message',
    );
    expect(waiting.status).toMatchObject({
      phase: 'Initializing',
      reason: 'WaitingForWorkload',
      message: expect.stringMatching(
        /^waiting for productpage-v2 to be ready: pod productpage-v2-[a-z0-9-]+: container productpage: (ErrImagePull|ImagePullBackOff): .*example.com\/productpage-missing:2.*$/,
      ) as string,
    });
    expect(waiting.status?.conditions?.find((c) => c.type === 'WorkloadReady')).toMatchObject({
      status: 'False',
      reason: 'PodProblem',
      message: expect.stringMatching(/^productpage-v2: 0\/1 ready; pod productpage-v2-/) as string,
    });
    expect((await warnings('productpage-canary')).map(([reason]) => reason)).toEqual([
      'WorkloadNotReady',
    ]);
    // Traffic stays pinned to the stable version while the new one cannot start.
    const vs = (await virtualServices(f.kc)).find((v) => v.metadata.name === 'productpage');
    expect(weightsOf(vs, 'productpage')).toEqual([{ v1: 100 }]);
  });

  it('a spec the CRD schema lets through but Aviary refuses: Failed, InvalidSpec, the field named', async () => {
    await createService(f.kc, 'ratings');
    await createJobObject('ratings-canary', jobSpec('ratings', { takeOver: 'v9' }));
    const failed = await waitForJob(
      f.kc,
      'ratings-canary',
      (j) => j.status?.phase === 'Failed',
      'the failure',
    );
    const message = `takeOver: "v9" is not one of the job's versions (v1, v2)`;
    expect(failed.status).toMatchObject({ reason: 'InvalidSpec', message });
    await waitFor(async () => (await warnings('ratings-canary')).length > 0, {
      what: 'the Warning Event',
    });
    expect(await warnings('ratings-canary')).toEqual([['InvalidSpec', message]]);
    expect((await virtualServices(f.kc)).map((v) => v.metadata.name)).not.toContain('ratings');
  });
});
