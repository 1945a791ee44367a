/**
 * RBAC's escalation prevention (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}
 * policybased storage): nobody can grant, through a role or a binding, a permission they do not
 * already hold, unless they were explicitly given `escalate` (roles) or `bind` (bindings).
 *
 * - Role / ClusterRole create or update: allowed for system:masters; for anyone allowed `escalate`
 *   on roles / clusterroles (named by the request, so a create, which names nothing, needs it
 *   without resourceNames); otherwise only if the user's rules in the role's namespace ("" for a
 *   ClusterRole: cluster-wide rules only) cover every rule of the role. Setting or changing a
 *   ClusterRole's aggregationRule additionally requires holding everything (`*` on `*.*` and on
 *   all URLs), since it can gather any rules.
 * - RoleBinding / ClusterRoleBinding create or update: allowed for system:masters; for anyone
 *   allowed `bind` on the referenced role (resource roles or clusterroles, named by roleRef.name,
 *   in the binding's namespace, so resourceNames can limit which roles one may bind); otherwise
 *   only if the user holds every rule of the referenced role in the binding's namespace.
 */
import {
  forbidden,
  internalError,
  notFound,
  qualifiedResource,
  type ApiError,
} from '@/lib/sandbox/apiserver/errors';
import { goQuote, goQuoteList } from './go-format';
import type { RbacAuthorizer } from './rbac-authorizer';
import {
  rbacGroup,
  type ClusterRole,
  type ClusterRoleBinding,
  type PolicyRule,
  type Role,
  type RoleBinding,
} from './rbac-types';
import { resourceAttributes } from './request-attributes';
import { compactRuleString, compactRules, rulesCover } from './rule-covers';
import { systemMastersGroup, type UserInfo } from './user-info';

/** Everything there is: what it takes to write an aggregationRule. */
const fullAuthority: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

export interface RoleWrite {
  kind: 'Role' | 'ClusterRole';
  verb: 'create' | 'update';
  /** The role as it would be stored. */
  role: Role | ClusterRole;
  /** On update, the stored role: removing an aggregationRule needs the same power as adding one. */
  previous?: Role | ClusterRole;
}

export interface BindingWrite {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  binding: RoleBinding | ClusterRoleBinding;
}

/**
 * The error a Role / ClusterRole create or update must fail with (403 Forbidden), or undefined when
 * the user may write it.
 */
export function checkRoleWrite(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  write: RoleWrite,
): ApiError | undefined {
  if (user.groups.includes(systemMastersGroup)) return undefined;
  const resource = write.kind === 'Role' ? 'roles' : 'clusterroles';
  const name = write.role.metadata.name ?? '';
  const namespace = write.kind === 'Role' ? (write.role.metadata.namespace ?? '') : '';
  const escalate = resourceAttributes({
    verb: 'escalate',
    apiGroup: rbacGroup,
    resource,
    namespace,
    // A create is a POST to the collection: the request names no role.
    name: write.verb === 'create' ? '' : name,
  });
  if (authorizer.authorize(user, escalate).allowed) return undefined;

  const escalation = confirmNoEscalation(authorizer, user, namespace, write.role.rules ?? []);
  if (escalation) return rbacForbidden(resource, name, escalation);
  const aggregates = [write.role, write.previous].some(
    (role) => role && 'aggregationRule' in role && role.aggregationRule,
  );
  if (aggregates && confirmNoEscalation(authorizer, user, namespace, fullAuthority)) {
    return rbacForbidden(
      resource,
      name,
      'must have cluster-admin privileges to use the aggregationRule',
    );
  }
  return undefined;
}

/**
 * The error a RoleBinding / ClusterRoleBinding create or update must fail with (403 Forbidden, or
 * 404 when the referenced role does not exist and the user may not simply `bind` it), or undefined
 * when the user may write it.
 */
export function checkBindingWrite(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  write: BindingWrite,
): ApiError | undefined {
  if (user.groups.includes(systemMastersGroup)) return undefined;
  const { roleRef, metadata } = write.binding;
  const namespace = write.kind === 'RoleBinding' ? (metadata.namespace ?? '') : '';
  const roleResource =
    roleRef.kind === 'ClusterRole' ? 'clusterroles' : roleRef.kind === 'Role' ? 'roles' : undefined;
  if (roleResource) {
    const bind = resourceAttributes({
      verb: 'bind',
      apiGroup: roleRef.apiGroup,
      resource: roleResource,
      namespace,
      name: roleRef.name,
    });
    if (authorizer.authorize(user, bind).allowed) return undefined;
  }

  const resolved = authorizer.roleReferenceRules(roleRef, namespace);
  if ('error' in resolved) {
    // The registry reads roles from storage, whose NotFound names the plural resource.
    return roleResource
      ? notFound(rbacGroup, roleResource, roleRef.name)
      : internalError(resolved.error);
  }
  const escalation = confirmNoEscalation(authorizer, user, namespace, resolved.rules);
  const bindingResource = write.kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings';
  return escalation ? rbacForbidden(bindingResource, metadata.name ?? '', escalation) : undefined;
}

/**
 * `ConfirmNoEscalation`: undefined when the user's rules in `namespace` cover `rules`, otherwise the
 * message listing what they lack, compacted and sorted as Kubernetes prints it.
 */
export function confirmNoEscalation(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  namespace: string,
  rules: readonly PolicyRule[],
): string | undefined {
  const owner = authorizer.rulesFor(user, namespace);
  const { covered, missing } = rulesCover(owner.rules, rules);
  if (covered) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactRuleString))].sort();
  let message =
    `user ${goQuote(user.name)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n` +
    descriptions.join('\n');
  if (owner.errors.length > 0) message += `; resolution errors: [${owner.errors.join(' ')}]`;
  return message;
}

function rbacForbidden(resource: string, name: string, why: string): ApiError {
  return forbidden(`${qualifiedResource(rbacGroup, resource)} "${name}" is forbidden: ${why}`, {
    name,
    group: rbacGroup,
    kind: resource,
  });
}
