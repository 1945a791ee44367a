import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { applyStrategicMergePatch, isStrategicMergeSupported } from './strategic-merge-patch';

const deployment = { group: 'apps', kind: 'Deployment' };
const service = { group: '', kind: 'Service' };
const pod = { group: '', kind: 'Pod' };

/** The Deployment of the reference's client-side apply, as created (sequence #14). */
const web = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'demo',
    labels: { app: 'web' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'old' },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
            image: 'nginx:1.25',
            name: 'web',
            ports: [{ containerPort: 80 }],
          },
          { command: ['sleep', '3600'], image: 'busybox', name: 'sidecar' },
        ],
      },
    },
  },
};

/** The body kubectl 1.33 sent for the update (sequence #25), annotation shortened. */
const kubectlApplyBody = {
  metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'new' } },
  spec: {
    template: {
      spec: {
        '$setElementOrder/containers': [{ name: 'web' }],
        containers: [
          {
            '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }],
            '$setElementOrder/ports': [{ containerPort: 80 }, { containerPort: 443 }],
            env: [
              { name: 'C', value: '3' },
              { $patch: 'delete', name: 'B' },
            ],
            image: 'nginx:1.27',
            name: 'web',
            ports: [{ containerPort: 443 }],
          },
          { $patch: 'delete', name: 'sidecar' },
        ],
      },
    },
  },
};

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('applyStrategicMergePatch', () => {
  it('applies the real kubectl apply body: image, env replace, port add, container delete', () => {
    const result = applyStrategicMergePatch(web, kubectlApplyBody, deployment);
    expect(result).toEqual({
      ...web,
      metadata: {
        ...web.metadata,
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'new' },
      },
      spec: {
        ...web.spec,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                env: [
                  { name: 'A', value: '1' },
                  { name: 'C', value: '3' },
                ],
                image: 'nginx:1.27',
                name: 'web',
                ports: [{ containerPort: 80 }, { containerPort: 443 }],
              },
            ],
          },
        },
      },
    });
    expect(web.spec.template.spec.containers).toHaveLength(2);
  });

  // Each row: what is there, the patch, what must be there after, for one kind.
  it.each([
    [
      'maps merge recursively and null deletes',
      deployment,
      { metadata: { labels: { app: 'web', tier: 'x' } }, spec: { replicas: 1 } },
      { metadata: { labels: { tier: null, track: 'stable' } }, spec: { paused: true } },
      {
        metadata: { labels: { app: 'web', track: 'stable' } },
        spec: { replicas: 1, paused: true },
      },
    ],
    [
      'Service ports merge by port',
      service,
      {
        spec: {
          ports: [
            { port: 80, targetPort: 8080, name: 'http' },
            { port: 443, name: 'https' },
          ],
        },
      },
      {
        spec: {
          ports: [
            { port: 80, targetPort: 9090 },
            { port: 15021, name: 'status' },
          ],
        },
      },
      {
        spec: {
          ports: [
            { port: 80, targetPort: 9090, name: 'http' },
            { port: 443, name: 'https' },
            { port: 15021, name: 'status' },
          ],
        },
      },
    ],
    [
      'Service ports: $patch delete by port',
      service,
      { spec: { ports: [{ port: 80 }, { port: 443 }] } },
      { spec: { ports: [{ port: 443, $patch: 'delete' }] } },
      { spec: { ports: [{ port: 80 }] } },
    ],
    [
      'finalizers merge as a set',
      service,
      { metadata: { finalizers: ['a', 'b'] } },
      { metadata: { finalizers: ['b', 'c'] } },
      { metadata: { finalizers: ['a', 'b', 'c'] } },
    ],
    [
      'finalizers: $deleteFromPrimitiveList',
      deployment,
      { metadata: { finalizers: ['a', 'b', 'c'] } },
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
      { metadata: { finalizers: ['a', 'c'] } },
    ],
    [
      'finalizers: $setElementOrder of primitives',
      deployment,
      { metadata: { finalizers: ['a', 'b'] } },
      { metadata: { '$setElementOrder/finalizers': ['b', 'c', 'a'], finalizers: ['c'] } },
      { metadata: { finalizers: ['b', 'c', 'a'] } },
    ],
    [
      'Deployment strategy: $retainKeys switching RollingUpdate to Recreate clears rollingUpdate',
      deployment,
      { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      { spec: { strategy: { type: 'Recreate' } } },
    ],
    [
      'without $retainKeys the other strategy member stays, as on a real server',
      deployment,
      { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      { spec: { strategy: { type: 'Recreate' } } },
      { spec: { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } },
    ],
    [
      'ownerReferences merge by uid',
      pod,
      { metadata: { ownerReferences: [{ uid: 'u1', kind: 'ReplicaSet', name: 'a' }] } },
      {
        metadata: {
          ownerReferences: [
            { uid: 'u1', controller: true },
            { uid: 'u2', kind: 'Job', name: 'b' },
          ],
        },
      },
      {
        metadata: {
          ownerReferences: [
            { uid: 'u1', kind: 'ReplicaSet', name: 'a', controller: true },
            { uid: 'u2', kind: 'Job', name: 'b' },
          ],
        },
      },
    ],
    [
      'status.conditions merge by type',
      deployment,
      {
        status: {
          conditions: [
            { type: 'Available', status: 'False' },
            { type: 'Progressing', status: 'True' },
          ],
        },
      },
      {
        status: {
          conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }],
        },
      },
      {
        status: {
          conditions: [
            { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
            { type: 'Progressing', status: 'True' },
          ],
        },
      },
    ],
    [
      'Pod spec containers: unknown elements appended, known merged',
      pod,
      { spec: { containers: [{ name: 'app', image: 'a:1', args: ['x', 'y'] }] } },
      {
        spec: {
          containers: [
            { name: 'app', args: ['z'] },
            { name: 'istio-proxy', image: 'proxy' },
          ],
        },
      },
      {
        spec: {
          containers: [
            { name: 'app', image: 'a:1', args: ['z'] },
            { name: 'istio-proxy', image: 'proxy' },
          ],
        },
      },
    ],
    [
      'lists without a strategy are replaced (tolerations)',
      pod,
      { spec: { tolerations: [{ key: 'a' }, { key: 'b' }] } },
      { spec: { tolerations: [{ key: 'c' }] } },
      { spec: { tolerations: [{ key: 'c' }] } },
    ],
    [
      '$patch: replace inside a keyed list replaces the whole list',
      pod,
      {
        spec: {
          volumes: [
            { name: 'a', emptyDir: {} },
            { name: 'b', emptyDir: {} },
          ],
        },
      },
      { spec: { volumes: [{ $patch: 'replace' }, { name: 'c', configMap: { name: 'x' } }] } },
      { spec: { volumes: [{ name: 'c', configMap: { name: 'x' } }] } },
    ],
    [
      '$patch: replace on a map replaces the map',
      deployment,
      { spec: { selector: { matchLabels: { app: 'web', old: 'x' } } } },
      { spec: { selector: { $patch: 'replace', matchLabels: { app: 'web' } } } },
      { spec: { selector: { matchLabels: { app: 'web' } } } },
    ],
    [
      '$patch: replace on a map drops its null members instead of storing them',
      deployment,
      { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      { spec: { strategy: { $patch: 'replace', type: 'Recreate', rollingUpdate: null } } },
      { spec: { strategy: { type: 'Recreate' } } },
    ],
    [
      '$patch: delete on a map removes it',
      deployment,
      { spec: { replicas: 1, strategy: { type: 'Recreate' } } },
      { spec: { strategy: { $patch: 'delete' } } },
      { spec: { replicas: 1 } },
    ],
    [
      'volumes: $retainKeys inside a keyed element switches the volume source',
      pod,
      { spec: { volumes: [{ name: 'data', emptyDir: {} }] } },
      {
        spec: {
          volumes: [
            { $retainKeys: ['configMap', 'name'], name: 'data', configMap: { name: 'cfg' } },
          ],
        },
      },
      { spec: { volumes: [{ name: 'data', configMap: { name: 'cfg' } }] } },
    ],
    [
      'init container env merges by name (PodSpec mounted under the Deployment template)',
      deployment,
      {
        spec: {
          template: {
            spec: { initContainers: [{ name: 'init', env: [{ name: 'A', value: '1' }] }] },
          },
        },
      },
      {
        spec: {
          template: {
            spec: { initContainers: [{ name: 'init', env: [{ name: 'B', value: '2' }] }] },
          },
        },
      },
      {
        spec: {
          template: {
            spec: {
              initContainers: [
                {
                  name: 'init',
                  env: [
                    { name: 'A', value: '1' },
                    { name: 'B', value: '2' },
                  ],
                },
              ],
            },
          },
        },
      },
    ],
    [
      // apimachinery's mergeSortedSlice: x was before b live, so it stays before b.
      '$setElementOrder alone reorders the live list; a server-only element keeps its live place',
      pod,
      { spec: { containers: [{ name: 'a' }, { name: 'x' }, { name: 'b' }] } },
      { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
      { spec: { containers: [{ name: 'x' }, { name: 'b' }, { name: 'a' }] } },
    ],
    [
      'leftover directives never reach the stored object',
      pod,
      { spec: {} },
      {
        spec: {
          containers: [{ name: 'new', $patch: 'merge', env: [{ name: 'A', $unknown: 1 }] }],
          tolerations: [{ key: 'a', $x: 1 }],
        },
      },
      {
        spec: { containers: [{ name: 'new', env: [{ name: 'A' }] }], tolerations: [{ key: 'a' }] },
      },
    ],
    [
      'null in a new member is dropped, not stored',
      deployment,
      { spec: {} },
      { spec: { template: { metadata: { labels: { a: '1', b: null } } } } },
      { spec: { template: { metadata: { labels: { a: '1' } } } } },
    ],
  ])('%s', (_name, kind, target, patch, expected) => {
    expect(applyStrategicMergePatch(target, patch, kind)).toEqual(expected);
  });

  it.each([
    [
      'a custom resource',
      { group: 'networking.istio.io', kind: 'VirtualService' },
      { spec: {} },
      415,
    ],
    ['a body that is not an object', deployment, [{ op: 'add' }], 400],
    ['a keyed element without its merge key', pod, { spec: { containers: [{ image: 'x' }] } }, 400],
    ['an unknown $patch directive', deployment, { spec: { $patch: 'explode' } }, 400],
    [
      '$retainKeys that is not a list of strings',
      deployment,
      { spec: { strategy: { $retainKeys: 'type' } } },
      400,
    ],
    [
      '$retainKeys that omits a member the patch sets',
      deployment,
      { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } },
      400,
    ],
    [
      '$deleteFromPrimitiveList that is not a list',
      deployment,
      { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } },
      400,
    ],
    [
      '$setElementOrder that is not a list',
      pod,
      { spec: { '$setElementOrder/containers': { name: 'a' }, containers: [{ name: 'a' }] } },
      400,
    ],
  ])('rejects %s', (_name, kind, patch, code) => {
    expect(
      failure(() => applyStrategicMergePatch({ spec: { containers: [] } }, patch, kind)).code,
    ).toBe(code);
  });

  it('answers 415 with the accepted types kubectl prints for a custom resource', () => {
    const error = failure(() =>
      applyStrategicMergePatch({}, {}, { group: 'aviary.dev', kind: 'ReleaseJob' }),
    );
    expect(error.reason).toBe('UnsupportedMediaType');
    expect(error.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
  });
});

describe('isStrategicMergeSupported', () => {
  it.each([
    ['', 'Pod', true],
    ['', 'Service', true],
    ['', 'Endpoints', true],
    ['', 'ConfigMap', true],
    ['', 'Secret', true],
    ['', 'ServiceAccount', true],
    ['', 'Namespace', true],
    ['', 'Event', true],
    ['apps', 'Deployment', true],
    ['apps', 'ReplicaSet', true],
    ['coordination.k8s.io', 'Lease', true],
    ['rbac.authorization.k8s.io', 'ClusterRoleBinding', true],
    ['apiextensions.k8s.io', 'CustomResourceDefinition', true],
    ['networking.istio.io', 'VirtualService', false],
    ['aviary.dev', 'ReleaseJob', false],
    ['apps', 'Pod', false],
  ])('%s %s -> %s', (group, kind, expected) => {
    expect(isStrategicMergeSupported(group, kind)).toBe(expected);
  });
});
