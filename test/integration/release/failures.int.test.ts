/**
 * Jobs the controller cannot carry out say why, in the status and in a Warning Event, and change
 * nothing in the mesh; a job waiting for what it lacks goes on once it is there.
 */
import { AppsV1Api, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait-for';
import {
  createService,
  jobSpec,
  ns,
  startReleaseFixture,
  virtualServices,
  waitForJob,
  type ReleaseFixture,
} from './release-fixture';

let f: ReleaseFixture;
beforeAll(async () => {
  f = await startReleaseFixture();
});
afterAll(async () => f?.dispose());

const warnings = async (job: string) =>
  (
    await f.kc.makeApiClient(CoreV1Api).listNamespacedEvent({
      namespace: ns,
      fieldSelector: `involvedObject.name=${job},type=Warning`,
    })
  ).items.map((e) => [e.reason, e.message]);

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
    expect((await virtualServices(f.kc)).map((v) => v.metadata.name)).toEqual(['details']);
  });
});
