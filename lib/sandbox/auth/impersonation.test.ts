import { describe, expect, it } from 'vitest';
import { authorizeImpersonation, planImpersonation } from './impersonation';
import { createRbacAuthorizer } from './rbac-authorizer';
import {
  buildClusterRole,
  buildClusterRoleBinding,
  clusterRoleRef,
  userSubject,
} from './rbac-builders';
import { editor, signedIn, testSnapshot } from './rbac-test-fixture';
import { resourceAttributes } from './request-attributes';

const impersonate = (
  resource: string,
  name: string,
  extra: Partial<Parameters<typeof resourceAttributes>[0]> = {},
) => resourceAttributes({ verb: 'impersonate', resource, name, apiVersion: '', ...extra });

describe('planImpersonation', () => {
  it('is undefined when no header asks for it', () => {
    expect(planImpersonation({ authorization: 'Bearer x' })).toBeUndefined();
  });

  it.each([
    [
      'a user',
      { 'impersonate-user': 'ada' },
      [impersonate('users', 'ada')],
      { name: 'ada', groups: ['system:authenticated'], extra: {} },
    ],
    [
      'a user with groups',
      { 'impersonate-user': 'ada', 'impersonate-group': ['devs', 'ops'] },
      [impersonate('users', 'ada'), impersonate('groups', 'devs'), impersonate('groups', 'ops')],
      { name: 'ada', groups: ['devs', 'ops', 'system:authenticated'], extra: {} },
    ],
    [
      'a service account, checked as a serviceaccount in its namespace',
      { 'impersonate-user': 'system:serviceaccount:a:deployer' },
      [impersonate('serviceaccounts', 'deployer', { namespace: 'a' })],
      {
        name: 'system:serviceaccount:a:deployer',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:a', 'system:authenticated'],
        extra: {},
      },
    ],
    [
      'a service account with explicit groups gets only those',
      { 'impersonate-user': 'system:serviceaccount:a:deployer', 'impersonate-group': 'x' },
      [impersonate('serviceaccounts', 'deployer', { namespace: 'a' }), impersonate('groups', 'x')],
      {
        name: 'system:serviceaccount:a:deployer',
        groups: ['x', 'system:authenticated'],
        extra: {},
      },
    ],
    [
      'a malformed service account name is a plain user',
      { 'impersonate-user': 'system:serviceaccount:A:b:c' },
      [impersonate('users', 'system:serviceaccount:A:b:c')],
      { name: 'system:serviceaccount:A:b:c', groups: ['system:authenticated'], extra: {} },
    ],
    [
      'extras, key lower-cased and percent-decoded, and a uid',
      {
        'Impersonate-User': 'ada',
        'impersonate-extra-Scopes': ['view', 'edit'],
        'impersonate-extra-example.com%2fteam': 'x',
        'impersonate-uid': '42',
      },
      [
        impersonate('users', 'ada'),
        impersonate('userextras', 'x', {
          apiGroup: 'authentication.k8s.io',
          apiVersion: 'v1',
          subresource: 'example.com/team',
        }),
        impersonate('userextras', 'view', {
          apiGroup: 'authentication.k8s.io',
          apiVersion: 'v1',
          subresource: 'scopes',
        }),
        impersonate('userextras', 'edit', {
          apiGroup: 'authentication.k8s.io',
          apiVersion: 'v1',
          subresource: 'scopes',
        }),
        impersonate('uids', '42', { apiGroup: 'authentication.k8s.io', apiVersion: 'v1' }),
      ],
      {
        name: 'ada',
        uid: '42',
        groups: ['system:authenticated'],
        extra: { 'example.com/team': ['x'], scopes: ['view', 'edit'] },
      },
    ],
    [
      'system:unauthenticated keeps system:authenticated out',
      { 'impersonate-user': 'ada', 'impersonate-group': 'system:unauthenticated' },
      [impersonate('users', 'ada'), impersonate('groups', 'system:unauthenticated')],
      { name: 'ada', groups: ['system:unauthenticated'], extra: {} },
    ],
    [
      'anonymous gets system:unauthenticated',
      { 'impersonate-user': 'system:anonymous' },
      [impersonate('users', 'system:anonymous')],
      { name: 'system:anonymous', groups: ['system:unauthenticated'], extra: {} },
    ],
  ])('%s', (_label, headers, checks, user) => {
    expect(planImpersonation(headers)).toEqual({ checks, user });
  });

  it.each([
    [
      { 'impersonate-group': 'system:masters' },
      'requested [{Group  system:masters    }] without impersonating a user',
    ],
    [
      { 'impersonate-uid': '42' },
      'requested [{UID  42  authentication.k8s.io/v1  }] without impersonating a user',
    ],
  ])('refuses %j without a user, with the 500 kube-apiserver answers', (headers, message) => {
    expect(() => planImpersonation(headers)).toThrowError(
      expect.objectContaining({ code: 500, message }),
    );
  });
});

describe('authorizeImpersonation', () => {
  const snapshot = testSnapshot();
  const authorizer = createRbacAuthorizer({
    ...snapshot,
    clusterRoles: [
      ...snapshot.clusterRoles,
      buildClusterRole('console-impersonator', [
        { verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'] },
      ]),
    ],
    clusterRoleBindings: [
      ...snapshot.clusterRoleBindings,
      buildClusterRoleBinding('console', clusterRoleRef('console-impersonator'), [
        userSubject('console'),
      ]),
    ],
  });
  const console = signedIn('console');

  it('lets the console impersonate users and groups', () => {
    const plan = planImpersonation({ 'impersonate-user': 'ada', 'impersonate-group': 'devs' })!;
    expect(authorizeImpersonation(authorizer, console, plan)).toBeUndefined();
  });

  it('refuses the first check not allowed, with its 403', () => {
    const plan = planImpersonation({ 'impersonate-user': 'ada', 'impersonate-uid': '42' })!;
    expect(authorizeImpersonation(authorizer, console, plan)?.message).toBe(
      'uids.authentication.k8s.io "42" is forbidden: User "console" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope',
    );
    expect(
      authorizeImpersonation(authorizer, editor, planImpersonation({ 'impersonate-user': 'bob' })!)
        ?.message,
    ).toBe(
      'users "bob" is forbidden: User "eddie" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it("lets edit impersonate its namespace's service accounts only", () => {
    const inA = planImpersonation({ 'impersonate-user': 'system:serviceaccount:a:default' })!;
    const inB = planImpersonation({ 'impersonate-user': 'system:serviceaccount:b:default' })!;
    expect(authorizeImpersonation(authorizer, editor, inA)).toBeUndefined();
    expect(authorizeImpersonation(authorizer, editor, inB)?.message).toBe(
      'serviceaccounts "default" is forbidden: User "eddie" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "b"',
    );
  });
});
