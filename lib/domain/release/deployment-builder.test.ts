import { describe, expect, it } from 'vitest';
import { buildNewDeployment, deploymentReady, type DeploymentLike } from './deployment-builder';
import { reviewsSpec } from './fixtures.test-support';

const stable = (
  containers: { name: string; image?: string; env?: { name: string; value: string }[] }[] = [
    { name: 'reviews', image: 'reviews:v1', env: [{ name: 'LOG', value: 'info' }] },
  ],
): DeploymentLike => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'reviews-v1',
    namespace: 'demo-project',
    labels: { app: 'reviews', version: 'v1' },
    annotations: { 'deployment.kubernetes.io/revision': '3' },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'reviews', version: 'v1' } },
    template: { metadata: { labels: { app: 'reviews', version: 'v1' } }, spec: { containers } },
  },
});

describe('buildNewDeployment', () => {
  it('copies the stable Deployment as <service>-<version> with the new image, env, replicas and marks', () => {
    const spec = reviewsSpec({
      newVersion: {
        version: 'v2',
        image: 'reviews:v2',
        replicas: 1,
        env: [
          { name: 'LOG', value: 'debug' },
          { name: 'SERVICE_VERSION', value: 'v-faulty' },
        ],
      },
    });
    const built = buildNewDeployment(stable(), spec, 'reviews-canary');
    expect(built).toMatchObject({
      ok: true,
      deployment: {
        metadata: {
          name: 'reviews-v2',
          labels: {
            app: 'reviews',
            version: 'v2',
            'app.kubernetes.io/managed-by': 'aviary',
            'aviary.dev/release-job': 'reviews-canary',
          },
        },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'reviews', version: 'v2' } },
          template: {
            metadata: { labels: { app: 'reviews', version: 'v2' } },
            spec: {
              containers: [
                {
                  name: 'reviews',
                  image: 'reviews:v2',
                  env: [
                    { name: 'LOG', value: 'debug' },
                    { name: 'SERVICE_VERSION', value: 'v-faulty' },
                  ],
                },
              ],
            },
          },
        },
      },
    });
    expect(built.ok && built.deployment.metadata.annotations).toBeFalsy();
  });

  it.each([
    [
      'two containers, none named like the service',
      [{ name: 'app' }, { name: 'sidecar' }],
      undefined,
      'say which with --container',
    ],
    ['a named container that is not there', [{ name: 'reviews' }], 'web', 'has no container "web"'],
  ])('refuses %s', (_, containers, container, error) => {
    const built = buildNewDeployment(
      stable(containers),
      reviewsSpec({ newVersion: { version: 'v2', image: 'x', container } }),
      'j',
    );
    expect(built).toEqual({ ok: false, error: expect.stringContaining(error) });
  });

  it.each([
    [
      {
        metadata: { generation: 2 },
        spec: { replicas: 1 },
        status: { observedGeneration: 1, readyReplicas: 1, updatedReplicas: 1 },
      },
      false,
    ],
    [
      {
        metadata: { generation: 2 },
        spec: { replicas: 2 },
        status: { observedGeneration: 2, readyReplicas: 1, updatedReplicas: 2 },
      },
      false,
    ],
    [
      {
        metadata: { generation: 2 },
        spec: { replicas: 2 },
        status: { observedGeneration: 2, readyReplicas: 2, updatedReplicas: 2 },
      },
      true,
    ],
  ])('readiness %#', (deployment, expected) => expect(deploymentReady(deployment)).toBe(expected));
});
