/**
 * Who a request acts as, the way kube-apiserver's authenticators describe a user (`user.Info`).
 */

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** The group whose members kube-apiserver allows everything, before any authorizer runs. */
export const systemMastersGroup = 'system:masters';
export const allAuthenticatedGroup = 'system:authenticated';
export const allUnauthenticatedGroup = 'system:unauthenticated';
export const anonymousUserName = 'system:anonymous';
export const allServiceAccountsGroup = 'system:serviceaccounts';

const serviceAccountUsernamePrefix = 'system:serviceaccount:';

/** The user name Kubernetes gives a ServiceAccount's tokens: `system:serviceaccount:NS:NAME`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${serviceAccountUsernamePrefix}${namespace}:${name}`;
}

/** The groups every ServiceAccount of `namespace` is in (without `system:authenticated`). */
export function serviceAccountGroups(namespace: string): string[] {
  return [allServiceAccountsGroup, `${allServiceAccountsGroup}:${namespace}`];
}

/** The user a ServiceAccount token authenticates as, with the groups kube-apiserver gives it. */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    name: serviceAccountUsername(namespace, name),
    groups: [...serviceAccountGroups(namespace), allAuthenticatedGroup],
  };
}

/** The user of a request that presented no credentials (when anonymous auth is on). */
export function anonymousUser(): UserInfo {
  return { name: anonymousUserName, groups: [allUnauthenticatedGroup] };
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Splits `system:serviceaccount:NS:NAME` into its namespace and name, or undefined when the name is
 * not a valid ServiceAccount user name (as `serviceaccount.SplitUsername`: exactly two parts, the
 * namespace a DNS-1123 label, the name a DNS-1123 subdomain).
 */
export function splitServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(serviceAccountUsernamePrefix)) return undefined;
  const parts = username.slice(serviceAccountUsernamePrefix.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts as [string, string];
  if (namespace.length > 63 || !dns1123Label.test(namespace)) return undefined;
  if (name.length > 253 || !dns1123Subdomain.test(name)) return undefined;
  return { namespace, name };
}
