/**
 * Which binding subjects a user is, and how Kubernetes names a binding in an authorization reason
 * (`RoleBinding "x/ns" of ClusterRole "edit" to User "u"`).
 */
import { goQuote } from './go-format';
import type { RoleRef, Subject } from './rbac-types';
import { serviceAccountUsername, type UserInfo } from './user-info';

/**
 * The user name a subject stands for when it is a user or a ServiceAccount, as a lookup key; a
 * ServiceAccount without a namespace takes `defaultNamespace` (a RoleBinding's own namespace), and
 * never matches in a ClusterRoleBinding, where there is none.
 */
export function subjectKey(subject: Subject, defaultNamespace: string): string | undefined {
  switch (subject.kind) {
    case 'User':
      return userKey(subject.name);
    case 'Group':
      return groupKey(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || defaultNamespace;
      return namespace ? userKey(serviceAccountUsername(namespace, subject.name)) : undefined;
    }
    default:
      return undefined;
  }
}

export function userKey(name: string): string {
  return `u:${name}`;
}

export function groupKey(group: string): string {
  return `g:${group}`;
}

/** The lookup keys a user answers to: their name and each of their groups. */
export function keysOfUser(user: UserInfo): string[] {
  return [userKey(user.name), ...user.groups.map(groupKey)];
}

/** Whether `subject` is `user` (`appliesToUser` in Kubernetes' rule resolver). */
export function subjectAppliesTo(
  subject: Subject,
  user: UserInfo,
  defaultNamespace: string,
): boolean {
  const key = subjectKey(subject, defaultNamespace);
  if (key === undefined) return false;
  return subject.kind === 'Group' ? user.groups.includes(subject.name) : key === userKey(user.name);
}

/** `User "u"`, `Group "g"`, `ServiceAccount "name/namespace"`. */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    return `${subject.kind} ${goQuote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  }
  return `${subject.kind} ${goQuote(subject.name)}`;
}

/** `ClusterRoleBinding "x" of ClusterRole "r" to Group "g"` or `RoleBinding "x/ns" of Role "r" to User "u"`. */
export function describeBinding(
  binding: {
    kind: 'RoleBinding' | 'ClusterRoleBinding';
    name: string;
    namespace: string;
    roleRef: RoleRef;
  },
  subject: Subject,
): string {
  const name =
    binding.kind === 'RoleBinding' ? `${binding.name}/${binding.namespace}` : binding.name;
  return `${binding.kind} ${goQuote(name)} of ${binding.roleRef.kind} ${goQuote(
    binding.roleRef.name,
  )} to ${describeSubject(subject, binding.namespace)}`;
}
