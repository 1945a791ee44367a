/**
 * Impersonation (`Impersonate-*` headers), as kube-apiserver's WithImpersonation filter does it.
 * The rules, from staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go:
 *
 * - `Impersonate-User: NAME` asks to act as NAME: the check is `impersonate` on `users` (core
 *   group, cluster scope) named NAME; but a valid `system:serviceaccount:NS:SA` name is checked as
 *   `impersonate` on `serviceaccounts` named SA in namespace NS instead (never as a user).
 * - each `Impersonate-Group: G` (repeatable) is `impersonate` on `groups` named G;
 * - each value of `Impersonate-Extra-KEY` is `impersonate` on `userextras/KEY` (group
 *   authentication.k8s.io) named the value; KEY is lower-cased, then percent-decoded (kept as is
 *   when the escape is malformed);
 * - `Impersonate-Uid: U` is `impersonate` on `uids` (group authentication.k8s.io) named U.
 * - Groups, extras or a uid without `Impersonate-User` is an error: kube-apiserver answers a 500
 *   Internal Server Error (not a 400) with `requested [...] without impersonating a user`.
 * - Every check must be allowed to the authenticated user, in this order; the first refusal is a
 *   403 about that check (e.g. `users "bob" is forbidden: User "alice" cannot impersonate resource
 *   "users" in API group "" at the cluster scope`).
 * - The impersonated user gets exactly the requested groups; a ServiceAccount without requested
 *   groups gets `system:serviceaccounts` and `system:serviceaccounts:NS`. Then `system:authenticated`
 *   is added unless `system:authenticated` or `system:unauthenticated` is already there; for
 *   `system:anonymous`, `system:unauthenticated` is added instead (when missing).
 */
import { ApiError } from '@/lib/sandbox/apiserver/errors';
import { forbiddenError } from './forbidden';
import type { RbacAuthorizer } from './rbac-authorizer';
import { resourceAttributes, type ResourceAttributes } from './request-attributes';
import {
  allAuthenticatedGroup,
  allUnauthenticatedGroup,
  anonymousUserName,
  serviceAccountGroups,
  serviceAccountUsername,
  splitServiceAccountUsername,
  type UserInfo,
} from './user-info';

/**
 * Request headers; repeated headers as arrays, as Node's `req.headersDistinct` gives them (Node's
 * `req.headers` joins repeated values with ", ", which would merge two Impersonate-Group headers).
 */
export type RequestHeaders = Record<string, string | readonly string[] | undefined>;

export interface ImpersonationPlan {
  /** The `impersonate` requests the authenticated user must be allowed, in order. */
  checks: ResourceAttributes[];
  /** Who the request acts as once every check passed. */
  user: UserInfo;
}

const extraPrefix = 'impersonate-extra-';
const authenticationGroup = 'authentication.k8s.io';

/**
 * Reads the impersonation headers: undefined when the request impersonates nobody, otherwise the
 * checks to run and the resulting user. Throws the 500 kube-apiserver answers for groups, extras or
 * a uid without a user.
 */
export function planImpersonation(rawHeaders: RequestHeaders): ImpersonationPlan | undefined {
  // HTTP header names are case-insensitive; Node already lower-cases them, other callers may not.
  const headers: RequestHeaders = Object.fromEntries(
    Object.entries(rawHeaders).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const requestedUser = first(headers['impersonate-user']);
  const requestedGroups = all(headers['impersonate-group']);
  const requestedUid = first(headers['impersonate-uid']);
  // Go walks a header map in random order; sorting by key makes the checks' order reproducible.
  const extras = Object.keys(headers)
    .filter((header) => header.startsWith(extraPrefix))
    .map((header) => ({
      key: unescapeExtraKey(header.slice(extraPrefix.length)),
      values: all(headers[header]),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  // Each entry is also kept as the Go ObjectReference kube-apiserver prints in its error message.
  const checks: ResourceAttributes[] = [];
  const described: string[] = [];
  let username = '';
  let groups: string[] = [];
  const extra: Record<string, string[]> = {};

  if (requestedUser) {
    const serviceAccount = splitServiceAccountUsername(requestedUser);
    if (serviceAccount) {
      checks.push(
        impersonate('', 'serviceaccounts', serviceAccount.name, {
          namespace: serviceAccount.namespace,
        }),
      );
      described.push(
        objectReference('ServiceAccount', serviceAccount.namespace, serviceAccount.name),
      );
      username = serviceAccountUsername(serviceAccount.namespace, serviceAccount.name);
      if (requestedGroups.length === 0) groups = serviceAccountGroups(serviceAccount.namespace);
    } else {
      checks.push(impersonate('', 'users', requestedUser));
      described.push(objectReference('User', '', requestedUser));
      username = requestedUser;
    }
  }
  for (const group of requestedGroups) {
    checks.push(impersonate('', 'groups', group));
    described.push(objectReference('Group', '', group));
    groups.push(group);
  }
  for (const { key, values } of extras) {
    for (const value of values) {
      checks.push(impersonate(authenticationGroup, 'userextras', value, { subresource: key }));
      described.push(objectReference('UserExtra', '', value, 'authentication.k8s.io/v1', key));
      (extra[key] ??= []).push(value);
    }
  }
  if (requestedUid) {
    checks.push(impersonate(authenticationGroup, 'uids', requestedUid));
    described.push(objectReference('UID', '', requestedUid, 'authentication.k8s.io/v1'));
  }

  if (checks.length === 0) return undefined;
  if (!requestedUser) {
    throw new ApiError(
      500,
      'InternalError',
      `requested [${described.join(' ')}] without impersonating a user`,
    );
  }

  if (username !== anonymousUserName) {
    if (!groups.includes(allAuthenticatedGroup) && !groups.includes(allUnauthenticatedGroup))
      groups.push(allAuthenticatedGroup);
  } else if (!groups.includes(allUnauthenticatedGroup)) {
    groups.push(allUnauthenticatedGroup);
  }
  return {
    checks,
    user: { name: username, groups, extra, ...(requestedUid ? { uid: requestedUid } : {}) },
  };
}

/**
 * Runs the plan's checks for `requestor`: undefined when all pass, otherwise the 403 for the first
 * one refused.
 */
export function authorizeImpersonation(
  authorizer: RbacAuthorizer,
  requestor: UserInfo,
  plan: ImpersonationPlan,
): ApiError | undefined {
  for (const check of plan.checks) {
    const decision = authorizer.authorize(requestor, check);
    if (!decision.allowed) return forbiddenError(requestor, check, decision.reason);
  }
  return undefined;
}

function impersonate(
  apiGroup: string,
  resource: string,
  name: string,
  where: { namespace?: string; subresource?: string } = {},
): ResourceAttributes {
  const apiVersion = apiGroup ? 'v1' : '';
  return resourceAttributes({
    verb: 'impersonate',
    apiGroup,
    apiVersion,
    resource,
    name,
    ...where,
  });
}

/** Go's `%v` of a v1.ObjectReference: its seven fields, space-separated, in braces. */
function objectReference(
  kind: string,
  namespace: string,
  name: string,
  apiVersion = '',
  fieldPath = '',
): string {
  return `{${[kind, namespace, name, '', apiVersion, '', fieldPath].join(' ')}}`;
}

/** `url.PathUnescape`, keeping the key as sent when it is not valid percent-encoding. */
function unescapeExtraKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

function first(value: string | readonly string[] | undefined): string {
  return (typeof value === 'string' ? value : value?.[0]) ?? '';
}

function all(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}
