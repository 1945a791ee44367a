import type { AdmissionCheck } from '../apiserver/core/cluster-hooks';
import { checkBindingWrite, checkRoleWrite } from '../auth/escalation';
import type { RbacAuthorizer } from '../auth/rbac-authorizer';
import {
  rbacGroup,
  type ClusterRoleBinding,
  type Role,
  type RoleBinding,
} from '../auth/rbac-types';

const roleKinds = { roles: 'Role', clusterroles: 'ClusterRole' } as const;
const bindingKinds = {
  rolebindings: 'RoleBinding',
  clusterrolebindings: 'ClusterRoleBinding',
} as const;

/**
 * RBAC's escalation prevention as an admission check on every create and update (PUT, PATCH,
 * server-side apply) of roles, clusterroles, rolebindings and clusterrolebindings: the writer must
 * already hold what the role or binding grants, or be allowed to `escalate` / `bind`. The sandbox's
 * own writes (bootstrap policy, aggregation) act as system:masters and always pass.
 */
export function rbacEscalationCheck(authorizer: () => RbacAuthorizer): AdmissionCheck {
  return (type, next, current, ctx) => {
    if (type.group !== rbacGroup) return;
    const plural = type.plural;
    if (Object.hasOwn(roleKinds, plural)) {
      const refused = checkRoleWrite(authorizer(), ctx.user, {
        kind: roleKinds[plural as keyof typeof roleKinds],
        verb: current ? 'update' : 'create',
        role: next as Role,
        ...(current ? { previous: current as Role } : {}),
      });
      if (refused) throw refused;
    } else if (Object.hasOwn(bindingKinds, plural)) {
      const refused = checkBindingWrite(authorizer(), ctx.user, {
        kind: bindingKinds[plural as keyof typeof bindingKinds],
        binding: next as RoleBinding | ClusterRoleBinding,
      });
      if (refused) throw refused;
    }
  };
}
