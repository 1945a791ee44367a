/**
 * Builders for RBAC objects as plain Kubernetes JSON, for seeding (project roles, demo accounts) and
 * for tests. Subjects are written the way kubectl writes them.
 */
import {
  rbacApiVersion,
  rbacGroup,
  type ClusterRole,
  type ClusterRoleBinding,
  type PolicyRule,
  type Role,
  type RoleBinding,
  type RoleRef,
  type Subject,
} from './rbac-types';

export function userSubject(name: string): Subject {
  return { kind: 'User', apiGroup: rbacGroup, name };
}

export function groupSubject(name: string): Subject {
  return { kind: 'Group', apiGroup: rbacGroup, name };
}

/** A ServiceAccount subject; without a namespace it means the RoleBinding's own namespace. */
export function serviceAccountSubject(name: string, namespace?: string): Subject {
  return { kind: 'ServiceAccount', name, ...(namespace ? { namespace } : {}) };
}

export function clusterRoleRef(name: string): RoleRef {
  return { apiGroup: rbacGroup, kind: 'ClusterRole', name };
}

export function roleRef(name: string): RoleRef {
  return { apiGroup: rbacGroup, kind: 'Role', name };
}

export function buildRole(namespace: string, name: string, rules: PolicyRule[]): Role {
  return { apiVersion: rbacApiVersion, kind: 'Role', metadata: { namespace, name }, rules };
}

export function buildClusterRole(
  name: string,
  rules: PolicyRule[],
  labels?: Record<string, string>,
): ClusterRole {
  return {
    apiVersion: rbacApiVersion,
    kind: 'ClusterRole',
    metadata: { name, ...(labels ? { labels } : {}) },
    rules,
  };
}

export function buildRoleBinding(
  namespace: string,
  name: string,
  ref: RoleRef,
  subjects: Subject[],
): RoleBinding {
  return {
    apiVersion: rbacApiVersion,
    kind: 'RoleBinding',
    metadata: { namespace, name },
    roleRef: ref,
    subjects,
  };
}

export function buildClusterRoleBinding(
  name: string,
  ref: RoleRef,
  subjects: Subject[],
): ClusterRoleBinding {
  return {
    apiVersion: rbacApiVersion,
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: ref,
    subjects,
  };
}
