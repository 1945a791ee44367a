/**
 * The RBAC objects (`rbac.authorization.k8s.io/v1`) as plain Kubernetes JSON. Only the fields the
 * authorizer reads are named; everything else travels untouched. Lists that Kubernetes marks
 * `omitempty` are optional here, and a missing list means the same as an empty one.
 */
import type { KubeObject } from '@/lib/sandbox/apiserver/types';

export const rbacGroup = 'rbac.authorization.k8s.io';
export const rbacApiVersion = 'rbac.authorization.k8s.io/v1';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  /** "User", "Group" or "ServiceAccount". */
  kind: string;
  name: string;
  /** Only for ServiceAccount; a RoleBinding defaults it to its own namespace. */
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  /** "Role" or "ClusterRole". */
  kind: string;
  name: string;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface AggregationRule {
  clusterRoleSelectors?: LabelSelector[];
}

export interface Role extends KubeObject {
  rules?: PolicyRule[];
}

export interface ClusterRole extends KubeObject {
  rules?: PolicyRule[];
  aggregationRule?: AggregationRule;
}

export interface RoleBinding extends KubeObject {
  subjects?: Subject[];
  roleRef: RoleRef;
}

export interface ClusterRoleBinding extends KubeObject {
  subjects?: Subject[];
  roleRef: RoleRef;
}

/**
 * Every RBAC object the authorizer decides from, as the API server currently stores them. Treated as
 * immutable: a change to any of them means building a new snapshot (and a new authorizer).
 */
export interface RbacSnapshot {
  roles: readonly Role[];
  clusterRoles: readonly ClusterRole[];
  roleBindings: readonly RoleBinding[];
  clusterRoleBindings: readonly ClusterRoleBinding[];
}
