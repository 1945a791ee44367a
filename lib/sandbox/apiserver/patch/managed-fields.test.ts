import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { recordUpdateManagedFields } from './managed-fields';
import { serverSideApply } from './server-side-apply';

const deploymentKind = { group: 'apps', kind: 'Deployment' };
const t0 = '2026-11-26T12:00:00Z';
const t1 = '2026-11-26T12:05:00Z';

const managers = (object: KubeObject) =>
  (object.metadata.managedFields ?? []).map((entry) => `${entry.manager}/${entry.operation}`);

describe('recordUpdateManagedFields', () => {
  const base: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 1 },
  };

  it('records a create as an Update entry that owns new maps as members', () => {
    const created = recordUpdateManagedFields(
      undefined,
      { ...base, metadata: { name: 'web', labels: { app: 'web' } } },
      'kubectl-client-side-apply',
      'apps/v1',
      t0,
    );
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: t0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': { 'f:replicas': {} },
        },
      },
    ]);
  });

  it('takes changed fields from other managers and drops removed ones from all', () => {
    const applied = serverSideApply({
      live: undefined,
      intent: { ...base, spec: { replicas: 1, paused: true } },
      manager: 'kubectl',
      force: false,
      apiVersion: 'apps/v1',
      now: t0,
      kind: deploymentKind,
    });
    const patched = recordUpdateManagedFields(
      applied,
      { ...applied, spec: { replicas: 4 } },
      'kubectl-scale',
      'apps/v1',
      t1,
    );
    expect(
      patched.metadata.managedFields?.map(({ manager, fieldsV1 }) => [manager, fieldsV1]),
    ).toEqual([['kubectl-scale', { 'f:spec': { 'f:replicas': {} } }]]);
  });

  it('adds no entry for a write that changes nothing, and keeps the stored entries', () => {
    const created = recordUpdateManagedFields(undefined, base, 'a', 'apps/v1', t0);
    const same = recordUpdateManagedFields(
      created,
      { ...created, metadata: { name: 'web' } },
      'b',
      'apps/v1',
      t1,
    );
    expect(managers(same)).toEqual(['a/Update']);
  });

  it('resets to the body when it carries an empty managedFields list', () => {
    const created = recordUpdateManagedFields(undefined, base, 'a', 'apps/v1', t0);
    const reset = recordUpdateManagedFields(
      created,
      { ...created, metadata: { name: 'web', managedFields: [] } },
      'b',
      'apps/v1',
      t1,
    );
    expect(reset.metadata.managedFields).toBeUndefined();
  });

  it('records the subresource of a status write', () => {
    const withStatus = recordUpdateManagedFields(
      base,
      { ...base, status: { replicas: 1 } },
      'deployment-controller',
      'apps/v1',
      t1,
      'status',
    );
    expect(withStatus.metadata.managedFields?.[0]).toMatchObject({
      manager: 'deployment-controller',
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:replicas': {} } },
    });
  });
});
