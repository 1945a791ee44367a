import { describe, expect, it } from 'vitest';
import { buildRole, buildRoleBinding, clusterRoleRef, userSubject } from './rbac-builders';
import { applyRbacWatchEvent, emptyRbacSnapshot } from './rbac-snapshot';

const binding = buildRoleBinding('a', 'x', clusterRoleRef('view'), [userSubject('u')]);

describe('applyRbacWatchEvent', () => {
  it('adds, replaces and removes by namespace and name without touching the old snapshot', () => {
    const added = applyRbacWatchEvent(emptyRbacSnapshot, { type: 'ADDED', object: binding });
    expect(added.roleBindings).toEqual([binding]);
    expect(emptyRbacSnapshot.roleBindings).toEqual([]);

    const changed = { ...binding, subjects: [userSubject('v')] };
    const modified = applyRbacWatchEvent(added, { type: 'MODIFIED', object: changed });
    expect(modified.roleBindings).toEqual([changed]);
    expect(added.roleBindings).toEqual([binding]);

    const otherNamespace = { ...binding, metadata: { namespace: 'b', name: 'x' } };
    const both = applyRbacWatchEvent(modified, { type: 'ADDED', object: otherNamespace });
    expect(applyRbacWatchEvent(both, { type: 'DELETED', object: binding }).roleBindings).toEqual([
      otherNamespace,
    ]);
  });

  it('returns the same snapshot for events that change nothing RBAC reads', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a' } };
    expect(applyRbacWatchEvent(emptyRbacSnapshot, { type: 'ADDED', object: pod })).toBe(
      emptyRbacSnapshot,
    );
    expect(
      applyRbacWatchEvent(emptyRbacSnapshot, { type: 'DELETED', object: buildRole('a', 'r', []) }),
    ).toBe(emptyRbacSnapshot);
    expect(applyRbacWatchEvent(emptyRbacSnapshot, { type: 'BOOKMARK', object: binding })).toBe(
      emptyRbacSnapshot,
    );
  });
});
