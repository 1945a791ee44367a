/**
 * Kubernetes RBAC authorization over an immutable snapshot of the RBAC objects.
 *
 * The snapshot is indexed once, when the authorizer is created: bindings by subject (user name,
 * ServiceAccount user name, group) and RoleBindings additionally by namespace, with every binding's
 * role reference already resolved to its rules. A request then only looks at the bindings that name
 * the user or one of their groups, cluster-wide and in the request's namespace, so its cost does
 * not grow with the number of bindings for other subjects. When any RBAC object changes the server
 * builds a new snapshot and a new authorizer; nothing here is ever mutated.
 */
import { aggregateMessages } from './go-format';
import {
  rbacGroup,
  type PolicyRule,
  type RbacSnapshot,
  type RoleRef,
  type Subject,
} from './rbac-types';
import type { RequestAttributes } from './request-attributes';
import { ruleAllows } from './rule-matching';
import { describeBinding, keysOfUser, subjectAppliesTo, subjectKey } from './subjects';
import { systemMastersGroup, type UserInfo } from './user-info';

/** RBAC's answer: allowed, or no opinion (RBAC never denies explicitly, so `denied` is always false). */
export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by ...` when allowed; on a refusal, role resolution errors, or "" when none. */
  reason: string;
}

export interface RulesResult {
  rules: PolicyRule[];
  /** Bindings naming the user whose role could not be resolved (`clusterrole... "x" not found`). */
  errors: string[];
}

export interface RbacAuthorizer {
  /** Decides one request, the way kube-apiserver's `system:masters` check followed by RBAC does. */
  authorize(user: UserInfo, attributes: RequestAttributes): Decision;
  /** Every rule bound to the user cluster-wide and, with a namespace, in it (ClusterRoleBindings first). */
  rulesFor(user: UserInfo, namespace: string): RulesResult;
  /** The rules a binding in `bindingNamespace` ("" for a ClusterRoleBinding) referencing `roleRef` grants. */
  roleReferenceRules(
    roleRef: RoleRef,
    bindingNamespace: string,
  ): { rules: PolicyRule[] } | { error: string };
}

interface IndexedBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace: string;
  roleRef: RoleRef;
  subjects: readonly Subject[];
  resolved: { rules: PolicyRule[] } | { error: string };
  /** Position in the snapshot, so that a user's bindings are always visited in the same order. */
  order: number;
}

/** Bindings by subject key (`u:NAME` or `g:GROUP`), each list in snapshot order. */
type SubjectIndex = Map<string, IndexedBinding[]>;

/** Indexes `snapshot` and returns the authorizer that decides from it. */
export function createRbacAuthorizer(snapshot: RbacSnapshot): RbacAuthorizer {
  const clusterRoleRules = new Map<string, PolicyRule[]>();
  for (const role of snapshot.clusterRoles)
    clusterRoleRules.set(role.metadata.name ?? '', role.rules ?? []);
  const roleRules = new Map<string, PolicyRule[]>();
  for (const role of snapshot.roles) {
    roleRules.set(
      namespacedKey(role.metadata.namespace ?? '', role.metadata.name ?? ''),
      role.rules ?? [],
    );
  }

  function roleReferenceRules(
    roleRef: RoleRef,
    bindingNamespace: string,
  ): { rules: PolicyRule[] } | { error: string } {
    // The messages are the informer listers' NotFound errors, which name the singular resource.
    if (roleRef.kind === 'ClusterRole') {
      const rules = clusterRoleRules.get(roleRef.name);
      return rules ? { rules } : { error: `clusterrole.${rbacGroup} "${roleRef.name}" not found` };
    }
    if (roleRef.kind === 'Role') {
      const rules = roleRules.get(namespacedKey(bindingNamespace, roleRef.name));
      return rules ? { rules } : { error: `role.${rbacGroup} "${roleRef.name}" not found` };
    }
    return { error: `unsupported role reference kind: "${roleRef.kind}"` };
  }

  const clusterIndex: SubjectIndex = new Map();
  snapshot.clusterRoleBindings.forEach((binding, order) => {
    addToIndex(clusterIndex, {
      kind: 'ClusterRoleBinding',
      name: binding.metadata.name ?? '',
      namespace: '',
      roleRef: binding.roleRef,
      subjects: binding.subjects ?? [],
      resolved: roleReferenceRules(binding.roleRef, ''),
      order,
    });
  });

  const namespaceIndexes = new Map<string, SubjectIndex>();
  snapshot.roleBindings.forEach((binding, order) => {
    const namespace = binding.metadata.namespace ?? '';
    let index = namespaceIndexes.get(namespace);
    if (!index) namespaceIndexes.set(namespace, (index = new Map()));
    addToIndex(index, {
      kind: 'RoleBinding',
      name: binding.metadata.name ?? '',
      namespace,
      roleRef: binding.roleRef,
      subjects: binding.subjects ?? [],
      resolved: roleReferenceRules(binding.roleRef, namespace),
      order,
    });
  });

  /**
   * Calls `visit` with each rule bound to the user, and each resolution error, in Kubernetes' order
   * (cluster bindings, then the namespace's), until `visit` returns false.
   */
  function visitRulesFor(
    user: UserInfo,
    namespace: string,
    visit: (
      binding: IndexedBinding,
      subject: Subject,
      rule: PolicyRule | undefined,
      error?: string,
    ) => boolean,
  ): void {
    const scopes: Array<[SubjectIndex | undefined, string]> = [[clusterIndex, '']];
    if (namespace) scopes.push([namespaceIndexes.get(namespace), namespace]);
    for (const [index, scopeNamespace] of scopes) {
      if (!index) continue;
      for (const binding of bindingsFor(index, user)) {
        // The first subject that names the user is the one the reason cites, as in Kubernetes.
        const subject = binding.subjects.find((s) => subjectAppliesTo(s, user, scopeNamespace));
        if (!subject) continue;
        if ('error' in binding.resolved) {
          if (!visit(binding, subject, undefined, binding.resolved.error)) return;
          continue;
        }
        for (const rule of binding.resolved.rules) {
          if (!visit(binding, subject, rule)) return;
        }
      }
    }
  }

  return {
    authorize(user, attributes) {
      // kube-apiserver puts a system:masters authorizer before RBAC: it allows with no reason.
      if (user.groups.includes(systemMastersGroup)) return { allowed: true, reason: '' };
      let allowedBy: string | undefined;
      const errors: string[] = [];
      visitRulesFor(
        user,
        attributes.resourceRequest ? attributes.namespace : '',
        (binding, subject, rule, error) => {
          if (rule && ruleAllows(rule, attributes)) {
            allowedBy = describeBinding(binding, subject);
            return false;
          }
          if (error) errors.push(error);
          return true;
        },
      );
      if (allowedBy !== undefined)
        return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
      return {
        allowed: false,
        reason: errors.length > 0 ? `RBAC: ${aggregateMessages(errors)}` : '',
      };
    },

    rulesFor(user, namespace) {
      const rules: PolicyRule[] = [];
      const errors: string[] = [];
      visitRulesFor(user, namespace, (_binding, _subject, rule, error) => {
        if (rule) rules.push(rule);
        if (error) errors.push(error);
        return true;
      });
      return { rules, errors };
    },

    roleReferenceRules,
  };
}

function namespacedKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function addToIndex(index: SubjectIndex, binding: IndexedBinding): void {
  for (const subject of binding.subjects) {
    const key = subjectKey(subject, binding.namespace);
    if (key === undefined) continue;
    let list = index.get(key);
    if (!list) index.set(key, (list = []));
    // A binding naming the same subject twice is listed once.
    if (list[list.length - 1] !== binding) list.push(binding);
  }
}

/** The bindings of one scope that name the user or one of their groups, in snapshot order. */
function bindingsFor(index: SubjectIndex, user: UserInfo): readonly IndexedBinding[] {
  const lists: IndexedBinding[][] = [];
  for (const key of keysOfUser(user)) {
    const list = index.get(key);
    if (list) lists.push(list);
  }
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0]!;
  return [...new Set(lists.flat())].sort((a, b) => a.order - b.order);
}
