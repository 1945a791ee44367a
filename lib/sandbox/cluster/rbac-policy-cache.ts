import { resources, type ClusterClient } from '../apiserver/cluster-client';
import { createRbacAuthorizer, type RbacAuthorizer } from '../auth/rbac-authorizer';
import { applyRbacWatchEvent, emptyRbacSnapshot } from '../auth/rbac-snapshot';
import type { RbacSnapshot } from '../auth/rbac-types';

/** The four RBAC resources and the snapshot list each one fills. */
const rbacResources = [
  [resources.roles, 'roles'],
  [resources.clusterroles, 'clusterRoles'],
  [resources.rolebindings, 'roleBindings'],
  [resources.clusterrolebindings, 'clusterRoleBindings'],
] as const;

/**
 * The API server's view of the RBAC objects, the way kube-apiserver's RBAC authorizer reads them
 * from informers: listed once, then kept current by watches through the in-process client.
 */
export interface RbacPolicyCache {
  /**
   * The authorizer for the current snapshot. It is rebuilt on the first call after a change (not
   * on every event, nor on every request), so a burst of RBAC writes costs one rebuild and an
   * ordinary request costs a map lookup.
   */
  authorizer(): RbacAuthorizer;
  stop(): void;
}

/**
 * Lists the RBAC objects and watches each resource from its list's resourceVersion, so no change
 * falls between the list and the watch. Watch events arrive on the next turn of the event loop,
 * which is before any later HTTP request is read: a client that created a binding sees it apply
 * to its next request.
 */
export function startRbacPolicyCache(client: ClusterClient): RbacPolicyCache {
  let snapshot: RbacSnapshot = emptyRbacSnapshot;
  const stops: Array<() => void> = [];
  for (const [ref, listName] of rbacResources) {
    const { items, resourceVersion } = client.list(ref);
    snapshot = { ...snapshot, [listName]: items };
    stops.push(
      client.watch(ref, { resourceVersion }, (event) => {
        snapshot = applyRbacWatchEvent(snapshot, event);
      }),
    );
  }

  let builtFrom: RbacSnapshot | undefined;
  let current: RbacAuthorizer | undefined;
  return {
    authorizer() {
      // applyRbacWatchEvent returns a new object exactly when something changed.
      if (!current || builtFrom !== snapshot) {
        current = createRbacAuthorizer(snapshot);
        builtFrom = snapshot;
      }
      return current;
    },
    stop() {
      for (const stop of stops) stop();
    },
  };
}
