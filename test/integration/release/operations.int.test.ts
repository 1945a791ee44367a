/**
 * The operations not covered by the walkthrough: edit the new version while the job runs, pause
 * and resume, promote step by step and fully, and a job created with the Paused policy. Each is a
 * spec change through lib/server/release/operations, carried out by the controller.
 */
import { AppsV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  editNewVersion,
  getReleaseJob,
  pause,
  promote,
  resume,
  setWeight,
} from '@/lib/server/release/operations';
import {
  createJob,
  createService,
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

const weights = async (service: string) =>
  weightsOf(
    (await virtualServices(f.kc)).find((v) => v.metadata.name === service),
    service,
  );

describe('operations on a running job', () => {
  it('edit changes the new version in place: image, replicas, env', async () => {
    await createService(f.kc, 'details');
    await createJob(f.kc, 'details-canary', jobSpec('details'));
    await waitForJob(f.kc, 'details-canary', (j) => j.status?.phase === 'Progressing', 'split');
    const ref = { namespace: ns, name: 'details-canary' };
    await editNewVersion(f.kc, ref, {
      image: 'docker.io/istio/examples-bookinfo-details-v2:1.20.4',
      replicas: 3,
      env: [{ name: 'ENABLE_EXTERNAL_BOOK_SERVICE', value: 'true' }],
    });
    const job = await waitForJob(
      f.kc,
      'details-canary',
      (j) =>
        j.status?.observedGeneration === j.metadata.generation && j.status?.phase === 'Progressing',
      'the edit carried out',
    );
    const v2 = await f.kc
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ namespace: ns, name: 'details-v2' });
    expect(v2.spec?.replicas).toBe(3);
    const container = v2.spec?.template.spec?.containers.find((c) => c.name === 'details');
    expect(container?.image).toBe('docker.io/istio/examples-bookinfo-details-v2:1.20.4');
    expect(container?.env).toContainEqual({ name: 'ENABLE_EXTERNAL_BOOK_SERVICE', value: 'true' });
    expect(job.status?.history?.at(-1)).toMatchObject({ action: 'Edit' });
    expect(await weights('details')).toEqual([{ v1: 50, v2: 50 }]);
  });

  it('pause holds the steps where they are; weights a user sets still apply; resume goes on', async () => {
    await createService(f.kc, 'reviews');
    await createJob(
      f.kc,
      'reviews-steps',
      jobSpec('reviews', {
        traffic: undefined,
        paused: true,
        steps: [{ setWeight: 20 }, { pause: { duration: '1s' } }, { setWeight: 70 }],
      }),
    );
    const ref = { namespace: ns, name: 'reviews-steps' };
    const paused = await waitForJob(
      f.kc,
      'reviews-steps',
      (j) => j.status?.reason === 'PausedByUser',
      'the paused job',
    );
    // Nothing is due for a paused job: once the controller is idle, no step has run.
    await f.controller.idle();
    expect(paused.status).toMatchObject({ phase: 'Paused', message: 'paused: resume to continue' });
    expect((await getReleaseJob(f.kc, ns, 'reviews-steps')).status?.currentStep ?? 0).toBe(0);
    expect(await weights('reviews')).toEqual([{ v1: 100 }]);

    await resume(f.kc, ref);
    const done = await waitForJob(
      f.kc,
      'reviews-steps',
      (j) => j.status?.currentStep === 3,
      'every step after resume',
    );
    expect(done.status?.phase).toBe('Progressing');
    // After the last step the new version carries the traffic.
    expect(await weights('reviews')).toEqual([{ v2: 100 }]);

    // A user's explicit change applies while paused: pause stops what the steps would do, not them.
    await pause(f.kc, { namespace: ns, name: 'details-canary' });
    await waitForJob(f.kc, 'details-canary', (j) => j.status?.reason === 'PausedByUser', 'pause');
    await setWeight(f.kc, { namespace: ns, name: 'details-canary' }, 90);
    await waitForJob(
      f.kc,
      'details-canary',
      (j) => j.status?.traffic?.[0]?.applied?.v2 === 90,
      'the weight set while paused',
    );
    expect(await weights('details')).toEqual([{ v1: 10, v2: 90 }]);
  });
});

describe('steps and promotion', () => {
  it('waits at each pause until promoted, then promote --full gives the new version everything', async () => {
    await createService(f.kc, 'ratings');
    await createJob(
      f.kc,
      'ratings-steps',
      jobSpec('ratings', {
        traffic: undefined,
        steps: [
          { setWeight: 10 },
          { pause: {} },
          { setWeight: 60 },
          { pause: {} },
          { setWeight: 80 },
        ],
      }),
    );
    const ref = { namespace: ns, name: 'ratings-steps' };
    const first = await waitForJob(
      f.kc,
      'ratings-steps',
      (j) => j.status?.reason === 'AwaitingPromotion',
      'the first pause',
    );
    expect(first.status).toMatchObject({ currentStep: 1, message: 'step 2 waits until promoted' });
    expect(await weights('ratings')).toEqual([{ v1: 90, v2: 10 }]);

    await promote(f.kc, ref);
    await waitForJob(f.kc, 'ratings-steps', (j) => j.status?.currentStep === 3, 'the second pause');
    expect(await weights('ratings')).toEqual([{ v1: 40, v2: 60 }]);

    await promote(f.kc, ref, { full: true });
    const done = await waitForJob(
      f.kc,
      'ratings-steps',
      (j) => j.status?.traffic?.[0]?.applied?.v2 === 100,
      'the full promotion',
    );
    expect(done.status?.phase).toBe('Progressing');
    expect(await weights('ratings')).toEqual([{ v2: 100 }]);
  });

  it('a job created with the Paused policy moves no traffic until resumed', async () => {
    await createService(f.kc, 'productpage');
    await createJob(f.kc, 'productpage-later', jobSpec('productpage', { policy: 'Paused' }));
    const held = await waitForJob(
      f.kc,
      'productpage-later',
      (j) => j.status?.reason === 'PolicyPaused',
      'the paused policy',
    );
    expect(held.status?.phase).toBe('Paused');
    expect(await weights('productpage')).toEqual([{ v1: 100 }]);

    await resume(f.kc, { namespace: ns, name: 'productpage-later' });
    await waitForJob(
      f.kc,
      'productpage-later',
      (j) => j.status?.phase === 'Progressing',
      'the split after resume',
    );
    expect(await weights('productpage')).toEqual([{ v1: 50, v2: 50 }]);
  });
});
