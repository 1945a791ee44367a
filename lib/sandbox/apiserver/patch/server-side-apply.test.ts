import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import type { KubeObject } from '../types';
import { recordUpdateManagedFields } from './managed-fields';
import { schemaFromOpenApiV3 } from './openapi-schema';
import { serverSideApply, type ServerSideApplyOptions } from './server-side-apply';

const deploymentKind = { group: 'apps', kind: 'Deployment' };
const t0 = '2026-11-26T12:00:00Z';
const t1 = '2026-11-26T12:05:00Z';
const t2 = '2026-11-26T12:10:00Z';

/** The Deployment of the reference's server-side apply (sequence #33). */
function webIntent(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels: { app: 'web' }, name: 'web', namespace: 'demo' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
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
      ...spec,
    },
  };
}

function apply(
  live: KubeObject | undefined,
  intent: unknown,
  overrides: Partial<ServerSideApplyOptions> = {},
): KubeObject {
  return serverSideApply({
    live,
    intent,
    manager: 'kubectl',
    force: false,
    apiVersion: 'apps/v1',
    now: t0,
    kind: deploymentKind,
    ...overrides,
  });
}

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

const spec = (object: KubeObject) => object.spec as Record<string, unknown>;
const containers = (object: KubeObject) =>
  (spec(object).template as { spec: { containers: { name: string; image?: string }[] } }).spec
    .containers;
const managers = (object: KubeObject) =>
  (object.metadata.managedFields ?? []).map((entry) => `${entry.manager}/${entry.operation}`);

describe('serverSideApply', () => {
  it('creates the object when absent and records the Apply entry in FieldsV1 as Kubernetes writes it', () => {
    const created = apply(undefined, JSON.stringify(webIntent()));
    expect(created.metadata.name).toBe('web');
    expect(containers(created).map((c) => c.name)).toEqual(['web', 'sidecar']);
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: t0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"sidecar"}': { '.': {}, 'f:command': {}, 'f:image': {}, 'f:name': {} },
                  'k:{"name":"web"}': {
                    '.': {},
                    'f:env': {
                      'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} },
                      'k:{"name":"B"}': { '.': {}, 'f:name': {}, 'f:value': {} },
                    },
                    'f:image': {},
                    'f:name': {},
                    'f:ports': {
                      'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('accepts a YAML body', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n';
    const created = apply(undefined, yaml, {
      kind: { group: '', kind: 'ConfigMap' },
      apiVersion: 'v1',
    });
    expect(created.data).toEqual({ a: '1' });
    expect(created.metadata.managedFields?.[0]?.fieldsV1).toEqual({ 'f:data': { 'f:a': {} } });
  });

  it('removes what the same manager applied before and omits now', () => {
    const created = apply(undefined, webIntent());
    const intent = webIntent();
    delete (intent.spec as Record<string, unknown>).replicas;
    (
      intent.spec as { template: { spec: { containers: unknown[] } } }
    ).template.spec.containers.pop();
    const updated = apply(created, intent, { now: t1 });
    expect(spec(updated).replicas).toBeUndefined();
    expect(containers(updated).map((c) => c.name)).toEqual(['web']);
    expect(JSON.stringify(updated.metadata.managedFields)).not.toContain('sidecar');
  });

  it('keeps a field the manager drops while another manager still owns it', () => {
    const created = apply(undefined, webIntent());
    const shared = apply(
      created,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { replicas: 2 },
      },
      { manager: 'hpa', now: t1 },
    );
    expect(managers(shared)).toEqual(['kubectl/Apply', 'hpa/Apply']);
    const intent = webIntent();
    delete (intent.spec as Record<string, unknown>).replicas;
    const updated = apply(shared, intent, { now: t2 });
    expect(spec(updated).replicas).toBe(2);
  });

  it('keeps the part of a dropped element another manager owns, keys included', () => {
    const created = apply(undefined, webIntent());
    const [web, sidecar] = containers(created);
    const withImage = {
      ...created,
      spec: {
        ...spec(created),
        template: { spec: { containers: [web, { ...sidecar, image: 'busybox:2' }] } },
      },
    };
    const set = recordUpdateManagedFields(
      created,
      withImage as KubeObject,
      'kubectl-set',
      'apps/v1',
      t1,
    );
    const intent = webIntent();
    (
      intent.spec as { template: { spec: { containers: unknown[] } } }
    ).template.spec.containers.pop();
    const updated = apply(set, intent, { now: t2 });
    expect(containers(updated)[1]).toEqual({ name: 'sidecar', image: 'busybox:2' });
  });

  it('keeps a container another manager added when the first manager re-applies', () => {
    const created = apply(undefined, webIntent());
    const injected = apply(
      created,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { template: { spec: { containers: [{ name: 'istio-proxy', image: 'proxyv2' }] } } },
      },
      { manager: 'injector', now: t1 },
    );
    const reapplied = apply(injected, webIntent({ replicas: 3 }), { now: t2 });
    expect(containers(reapplied).map((c) => c.name)).toEqual(['web', 'sidecar', 'istio-proxy']);
    expect(spec(reapplied).replicas).toBe(3);
  });

  it("merges kubectl's annotation-only apply (fieldManager=kubectl-last-applied) and never wipes the spec", () => {
    const created = apply(undefined, webIntent());
    const lastApplied = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}\n',
        },
        name: 'web',
        namespace: 'demo',
      },
    };
    const updated = apply(created, JSON.stringify(lastApplied), {
      manager: 'kubectl-last-applied',
      now: t1,
    });
    expect(updated.spec).toEqual(created.spec);
    expect(updated.metadata.annotations).toEqual(lastApplied.metadata.annotations);
    expect(managers(updated)).toEqual(['kubectl/Apply', 'kubectl-last-applied/Apply']);
    expect(updated.metadata.managedFields?.[1]?.fieldsV1).toEqual({
      'f:metadata': {
        'f:annotations': { 'f:kubectl.kubernetes.io/last-applied-configuration': {} },
      },
    });
  });

  it('refuses to change a field another manager owns without force, with the exact Status of a real server', () => {
    const created = apply(undefined, webIntent());
    const edited = recordUpdateManagedFields(
      created,
      { ...created, spec: { ...spec(created), replicas: 5 } },
      'kubectl-edit',
      'apps/v1',
      t1,
    );
    const error = failure(() => apply(edited, webIntent(), { now: t2 }));
    expect(error.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-edit" using apps/v1',
            field: '.spec.replicas',
          },
        ],
      },
      code: 409,
    });
  });

  it('lists every conflict, grouped by manager', () => {
    const created = apply(undefined, webIntent());
    const changed = { ...created, spec: { ...spec(created), replicas: 5, paused: true } };
    // An update takes the fields it changes: kubectl-edit now owns replicas and paused.
    const edited = recordUpdateManagedFields(created, changed, 'kubectl-edit', 'apps/v1', t1);
    const intent = webIntent({ replicas: 1, paused: false });
    const [web] = (intent.spec as { template: { spec: { containers: Record<string, unknown>[] } } })
      .template.spec.containers;
    web!.image = 'nginx:1.27';
    const error = failure(() => apply(edited, intent, { manager: 'ci', now: t2 }));
    expect(error.message).toBe(
      'Apply failed with 3 conflicts: conflicts with "kubectl":\n- .spec.template.spec.containers[name="web"].image\n' +
        'conflicts with "kubectl-edit" using apps/v1:\n- .spec.paused\n- .spec.replicas',
    );
    expect(error.details?.causes?.map((cause) => cause.field)).toEqual([
      '.spec.template.spec.containers[name="web"].image',
      '.spec.paused',
      '.spec.replicas',
    ]);
  });

  it('takes the field over with force', () => {
    const created = apply(undefined, webIntent());
    const edited = recordUpdateManagedFields(
      created,
      { ...created, spec: { ...spec(created), replicas: 5 } },
      'kubectl-edit',
      'apps/v1',
      t1,
    );
    const forced = apply(edited, webIntent(), { force: true, now: t2 });
    expect(spec(forced).replicas).toBe(2);
    // kubectl-edit owned nothing else, so its entry goes away.
    expect(managers(forced)).toEqual(['kubectl/Apply']);
  });

  it('shares a field without conflict when the value is the same', () => {
    const created = apply(undefined, webIntent());
    const edited = recordUpdateManagedFields(
      created,
      { ...created, spec: { ...spec(created), replicas: 5 } },
      'kubectl-edit',
      'apps/v1',
      t1,
    );
    const same = apply(edited, webIntent({ replicas: 5 }), { now: t2 });
    expect(managers(same)).toEqual(['kubectl/Apply', 'kubectl-edit/Update']);
  });

  it('replaces atomic lists and merges keyed lists per element', () => {
    const created = apply(undefined, webIntent());
    const intent = webIntent();
    const [web, sidecar] = (
      intent.spec as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers;
    sidecar!.command = ['sleep', '60'];
    web!.env = [{ name: 'B', value: '2' }];
    const updated = apply(created, intent, { now: t1 });
    const [liveWeb, liveSidecar] = containers(updated) as Record<string, unknown>[];
    expect(liveSidecar!.command).toEqual(['sleep', '60']);
    expect(liveWeb!.env).toEqual([{ name: 'B', value: '2' }]);
  });

  it('treats custom resource lists as atomic unless the CRD schema declares a list-map', () => {
    const apiVersion = 'aviary.dev/v1alpha1';
    const kind = { group: 'aviary.dev', kind: 'ReleaseJob' };
    const base = { apiVersion, kind: 'ReleaseJob', metadata: { name: 'r' } };
    const live = apply(
      undefined,
      { ...base, spec: { versions: [{ name: 'v1', weight: 100 }] } },
      { kind, apiVersion, manager: 'ui' },
    );
    const other = { ...base, spec: { versions: [{ name: 'v2', weight: 0 }] } };

    const atomic = apply(live, other, { kind, apiVersion, manager: 'controller', force: true });
    expect((atomic.spec as { versions: unknown[] }).versions).toEqual([{ name: 'v2', weight: 0 }]);

    const schema = schemaFromOpenApiV3({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            versions: {
              type: 'array',
              'x-kubernetes-list-type': 'map',
              'x-kubernetes-list-map-keys': ['name'],
              items: { type: 'object' },
            },
          },
        },
      },
    });
    const keyed = apply(live, other, { kind, apiVersion, manager: 'controller', schema });
    expect((keyed.spec as { versions: unknown[] }).versions).toEqual([
      { name: 'v1', weight: 100 },
      { name: 'v2', weight: 0 },
    ]);
  });

  it.each([
    ['not YAML', 'a: [', 400],
    ['not an object', '[1, 2]', 400],
    ['without kind', '{"apiVersion":"v1","metadata":{"name":"x"}}', 400],
  ])('rejects a body that is %s', (_name, body, code) => {
    expect(failure(() => apply(undefined, body)).code).toBe(code);
  });

  // What kube-apiserver checks before it applies anything, with its messages.
  it.each<[string, unknown, Partial<ServerSideApplyOptions>, number, string]>([
    [
      'no fieldManager',
      webIntent(),
      { manager: '' },
      422,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    ],
    [
      'an intent in another apiVersion than the request',
      { ...webIntent(), apiVersion: 'apps/v1beta1' },
      {},
      400,
      'Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1',
    ],
    [
      'an intent that carries managedFields',
      { ...webIntent(), metadata: { name: 'web', managedFields: [{ manager: 'someone-else' }] } },
      {},
      400,
      'metadata.managedFields must be nil',
    ],
  ])('refuses %s', (_name, intent, overrides, code, message) => {
    const error = failure(() => apply(undefined, intent, overrides));
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('takes managedFields: null in an intent as absent', () => {
    const intent = { ...webIntent(), metadata: { name: 'web', managedFields: null } };
    expect(managers(apply(undefined, intent))).toEqual(['kubectl/Apply']);
  });
});
