import { describe, expect, it } from 'vitest';
import type { PatchType } from '../cluster-client';
import { ApiError } from '../errors';
import type { KubeObject } from '../types';
import { applyPatch, type PatchContext } from './index';

const live: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' } },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
};

const ctx: PatchContext = {
  kind: { group: 'apps', kind: 'Deployment' },
  manager: 'kubectl-patch',
  apiVersion: 'apps/v1',
  now: '2026-11-26T12:00:00Z',
};

describe('applyPatch', () => {
  // The same change (replicas 2 -> 3) through each patch type, as raw request text.
  it.each<[PatchType, string, string]>([
    ['merge', '{"spec":{"replicas":3}}', 'Update'],
    ['json', '[{"op":"replace","path":"/spec/replicas","value":3}]', 'Update'],
    ['strategic', '{"spec":{"replicas":3}}', 'Update'],
    [
      'apply',
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}',
      'Apply',
    ],
  ])('%s patch sets the field and records a %s entry for it', (type, body, operation) => {
    const result = applyPatch(type, live, body, { ...ctx, force: true });
    expect((result.spec as { replicas: number }).replicas).toBe(3);
    expect(result.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'kubectl-patch',
        operation,
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      }),
    ]);
    expect((live.spec as { replicas: number }).replicas).toBe(2);
  });

  it('merges a strategic patch by merge key where a merge patch replaces the list', () => {
    const body = {
      spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } },
    };
    const names = (object: KubeObject) =>
      (
        object.spec as { template: { spec: { containers: { name: string }[] } } }
      ).template.spec.containers.map((c) => c.name);
    expect(names(applyPatch('strategic', live, body, ctx))).toEqual(['web', 'sidecar']);
    expect(names(applyPatch('merge', live, body, ctx))).toEqual(['sidecar']);
  });

  it('creates with apply when nothing is there', () => {
    const created = applyPatch(
      'apply',
      undefined,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } },
      {
        ...ctx,
        kind: { group: '', kind: 'ConfigMap' },
        apiVersion: 'v1',
      },
    );
    expect(created.data).toEqual({ a: '1' });
  });

  it.each<[string, PatchType, unknown, PatchContext, number]>([
    [
      'a strategic patch on a custom resource',
      'strategic',
      '{}',
      { ...ctx, kind: { group: 'networking.istio.io', kind: 'VirtualService' } },
      415,
    ],
    ['a merge patch that is not an object', 'merge', '[1]', ctx, 400],
    ['a body that is not JSON', 'merge', '{', ctx, 400],
    ['a JSON patch that does not apply', 'json', '[{"op":"remove","path":"/spec/nope"}]', ctx, 422],
  ])('rejects %s', (_name, type, body, context, code) => {
    let error: unknown;
    try {
      applyPatch(type, live, body, context);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(code);
  });
});
