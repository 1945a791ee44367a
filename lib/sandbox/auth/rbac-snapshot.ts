/**
 * Keeping an RbacSnapshot current from watch events on the four RBAC resources, without mutating
 * the snapshot an authorizer was built from.
 */
import type { KubeObject, WatchEvent } from '@/lib/sandbox/apiserver/types';
import type { RbacSnapshot } from './rbac-types';

export const emptyRbacSnapshot: RbacSnapshot = {
  roles: [],
  clusterRoles: [],
  roleBindings: [],
  clusterRoleBindings: [],
};

const listByKind = {
  Role: 'roles',
  ClusterRole: 'clusterRoles',
  RoleBinding: 'roleBindings',
  ClusterRoleBinding: 'clusterRoleBindings',
} as const satisfies Record<string, keyof RbacSnapshot>;

/**
 * The snapshot after one watch event: ADDED and MODIFIED put the object in place of the one with
 * the same namespace and name (or append it), DELETED removes it. Events on other kinds, BOOKMARK
 * and ERROR return the same snapshot object, so callers can tell that nothing needs rebuilding.
 */
export function applyRbacWatchEvent(snapshot: RbacSnapshot, event: WatchEvent): RbacSnapshot {
  const listName = listByKind[event.object.kind as keyof typeof listByKind];
  if (
    !listName ||
    (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED')
  )
    return snapshot;
  const list: readonly KubeObject[] = snapshot[listName];
  const position = list.findIndex((object) => sameObject(object, event.object));
  let next: KubeObject[];
  if (event.type === 'DELETED') {
    if (position < 0) return snapshot;
    next = list.filter((_, i) => i !== position);
  } else {
    next =
      position < 0
        ? [...list, event.object]
        : list.map((object, i) => (i === position ? event.object : object));
  }
  return { ...snapshot, [listName]: next };
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  return (
    a.metadata.name === b.metadata.name &&
    (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '')
  );
}
