/**
 * Workloads labelled the Kubernetes way (`app.kubernetes.io/name`, `app.kubernetes.io/version`)
 * are released like Bookinfo's `app`/`version` ones: the stable Deployment is found by those
 * labels whatever its name, and the subsets select on the label the pods carry, so each subset
 * selects exactly its version's pods. Pods with no version label at all stop the job before it
 * creates anything.
 */
import { AppsV1Api, CoreV1Api, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentVersionOf, ReleaseNotFoundError } from '@/lib/server/release/operations';
import { waitFor } from '../../support/wait-for';
import {
  createJob,
  deploymentNames,
  destinationRules,
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

/** A Service and its one Deployment, both selecting on `labels`. */
async function createWorkload(service: string, deployment: string, labels: Record<string, string>) {
  const selector = Object.fromEntries(
    Object.entries(labels).filter(([key]) => !key.endsWith('version')),
  );
  await f.kc.makeApiClient(CoreV1Api).createNamespacedService({
    namespace: ns,
    body: {
      metadata: { name: service },
      spec: { selector, ports: [{ name: 'http', port: 9080, targetPort: 9080 as never }] },
    },
  });
  const body: V1Deployment = {
    metadata: { name: deployment, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: service, image: `docker.io/istio/examples-bookinfo-${service}-v1:1.20.3` },
          ],
        },
      },
    },
  };
  await f.kc.makeApiClient(AppsV1Api).createNamespacedDeployment({ namespace: ns, body });
}

const podsSelectedBy = async (labels: Record<string, string>) =>
  (
    await f.kc.makeApiClient(CoreV1Api).listNamespacedPod({
      namespace: ns,
      labelSelector: Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    })
  ).items.map((p) => p.metadata!.labels!['app.kubernetes.io/version']);

describe('version labels', () => {
  it('app.kubernetes.io labels: stable found by label, subsets select each version on them', async () => {
    await createWorkload('ratings', 'ratings-stable', {
      'app.kubernetes.io/name': 'ratings',
      'app.kubernetes.io/version': 'v1',
    });
    // What `aviary job create` (and the console's wizard) takes as the stable version.
    expect(await currentVersionOf(f.kc, ns, 'ratings', 'v2')).toBe('v1');
    await expect(
      createJob(f.kc, 'ratings-canary', jobSpec('ratings', { stableVersion: 'v0' })),
    ).rejects.toThrow(
      new ReleaseNotFoundError(
        `no Deployment of ratings version v0 in namespace "${ns}": looked for labels app=ratings,version=v0 or app.kubernetes.io/name=ratings,app.kubernetes.io/version=v0, and the name ratings-v0`,
      ),
    );
    await createJob(f.kc, 'ratings-canary', jobSpec('ratings'));
    await waitForJob(
      f.kc,
      'ratings-canary',
      (j) => j.status?.phase === 'Progressing',
      'the 50/50 split',
    );
    const rule = (await destinationRules(f.kc)).find((d) => d.metadata.name === 'ratings');
    const subsets = (rule?.spec.subsets ?? []) as {
      name: string;
      labels: Record<string, string>;
    }[];
    expect(subsets).toEqual([
      { name: 'v1', labels: { 'app.kubernetes.io/version': 'v1' } },
      { name: 'v2', labels: { 'app.kubernetes.io/version': 'v2' } },
    ]);
    // Each subset selects its own version's pods, and only those: no request routed to a subset
    // finds it empty.
    for (const subset of subsets)
      await waitFor(async () => (await podsSelectedBy(subset.labels)).length > 0, {
        what: `a pod in subset ${subset.name}`,
      });
    expect(await podsSelectedBy(subsets[0]!.labels)).toEqual(['v1']);
    expect(await podsSelectedBy(subsets[1]!.labels)).toEqual(['v2']);
    const vs = (await virtualServices(f.kc)).find((v) => v.metadata.name === 'ratings');
    expect(weightsOf(vs, 'ratings')).toEqual([{ v1: 50, v2: 50 }]);
    // With v1 and v2 running, a third release must say which one it starts from.
    await expect(currentVersionOf(f.kc, ns, 'ratings', 'v3')).rejects.toThrow(
      'stableVersion: ratings runs several versions (v1, v2): say which one is stable',
    );
  });

  it('pods with no version label: Failed, NoVersionLabel, nothing created', async () => {
    await createWorkload('details', 'details-v1', { app: 'details' });
    await createJob(f.kc, 'details-canary', jobSpec('details'));
    const failed = await waitForJob(
      f.kc,
      'details-canary',
      (j) => j.status?.phase === 'Failed',
      'the failure',
    );
    expect(failed.status).toMatchObject({
      reason: 'NoVersionLabel',
      message:
        'the pods of Deployment details-v1 carry no version label (version or app.kubernetes.io/version): ' +
        "Istio's subsets select on it; add version: v1 to its pod template",
    });
    expect(await deploymentNames(f.kc)).not.toContain('details-v2');
    expect((await virtualServices(f.kc)).map((v) => v.metadata.name)).not.toContain('details');
  });
});
