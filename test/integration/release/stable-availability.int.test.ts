/**
 * Traffic falls back to the stable version at once (rollback, a failed gate, a take-over), so a
 * job watches it as it watches the new one: when the stable version has no ready pod, the job says
 * so (condition StableAvailable, one Warning) without blocking what the user asks for, and clears
 * once a pod is ready again; the new version keeps its replicas. The resync is an hour away here:
 * only the Deployment watch can tell.
 */
import { AppsV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseJob } from '@/lib/domain/release';
import { rollback } from '@/lib/server/release/operations';
import {
  createJob,
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
  f = await startReleaseFixture({}, {}, 3_600_000);
});
afterAll(async () => f?.dispose());

const stableCondition = (job: ReleaseJob) =>
  job.status?.conditions?.find((c) => c.type === 'StableAvailable');

const scaleStable = async (replicas: number) => {
  const apps = f.kc.makeApiClient(AppsV1Api);
  const stable = await apps.readNamespacedDeployment({ namespace: ns, name: 'reviews-v1' });
  await apps.replaceNamespacedDeployment({
    namespace: ns,
    name: 'reviews-v1',
    body: { ...stable, spec: { ...stable.spec!, replicas } },
  });
};

const warnings = () => warningsOf(f.kc, 'reviews-canary');

describe('the stable version loses its pods', () => {
  it('is reported at once, does not block a rollback, and clears when a pod is ready', async () => {
    await createService(f.kc, 'reviews');
    await createJob(f.kc, 'reviews-canary', jobSpec('reviews'));
    const running = await waitForJob(
      f.kc,
      'reviews-canary',
      (j) => j.status?.phase === 'Progressing' && stableCondition(j)?.status === 'True',
      'the split with the stable version available',
    );
    expect(stableCondition(running)).toMatchObject({
      reason: 'PodsReady',
      message: 'reviews-v1: 1/1 ready',
    });

    await scaleStable(0);
    const down = await waitForJob(
      f.kc,
      'reviews-canary',
      (j) => stableCondition(j)?.status === 'False',
      'StableAvailable False',
    );
    const message =
      'reviews-v1: 0/0 ready; requests routed to v1 fail until one of its pods is ready';
    expect(stableCondition(down)).toMatchObject({ reason: 'NoReadyPods', message });
    expect(await warnings()).toEqual([['StableUnavailable', message]]);
    // The new version took its replicas from the stable one when it was made, and keeps them.
    const v2 = await f.kc
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ namespace: ns, name: 'reviews-v2' });
    expect(v2.spec?.replicas).toBe(1);
    const weights = async () =>
      weightsOf(
        (await virtualServices(f.kc)).find((v) => v.metadata.name === 'reviews'),
        'reviews',
      );
    expect(await weights()).toEqual([{ v1: 50, v2: 50 }]);

    // The user decides: a rollback still moves all traffic to v1, and the job keeps saying why
    // that fails, with no second Warning.
    await rollback(f.kc, { namespace: ns, name: 'reviews-canary' });
    await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'RolledBack', 'rollback');
    expect(await weights()).toEqual([{ v1: 100 }]);
    expect(await warnings()).toEqual([['StableUnavailable', message]]);

    await scaleStable(1);
    const up = await waitForJob(
      f.kc,
      'reviews-canary',
      (j) => stableCondition(j)?.status === 'True',
      'StableAvailable True again',
    );
    expect(stableCondition(up)).toMatchObject({
      reason: 'PodsReady',
      message: 'reviews-v1: 1/1 ready',
    });
  });
});
