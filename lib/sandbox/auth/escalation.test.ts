import { describe, expect, it } from 'vitest';
import { checkBindingWrite, checkRoleWrite } from './escalation';
import { createRbacAuthorizer } from './rbac-authorizer';
import {
  buildClusterRole,
  buildRole,
  buildRoleBinding,
  buildClusterRoleBinding,
  clusterRoleRef,
  roleRef,
  userSubject,
} from './rbac-builders';
import {
  clusterAdmin,
  editor,
  master,
  projectAdmin,
  signedIn,
  testSnapshot,
} from './rbac-test-fixture';
import type { PolicyRule } from './rbac-types';
import { breakdownRule, compactRuleString, compactRules, rulesCover } from './rule-covers';

const deployRead: PolicyRule = {
  verbs: ['get', 'list', 'watch'],
  apiGroups: ['apps'],
  resources: ['deployments'],
};

describe('rulesCover (validation.Covers)', () => {
  it.each<[string, PolicyRule[], PolicyRule[], boolean]>([
    ['identical rules', [deployRead], [deployRead], true],
    [
      'a subset of verbs',
      [deployRead],
      [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] }],
      true,
    ],
    [
      'a verb more',
      [deployRead],
      [{ verbs: ['create'], apiGroups: ['apps'], resources: ['deployments'] }],
      false,
    ],
    [
      '* verbs',
      [{ verbs: ['*'], apiGroups: ['apps'], resources: ['deployments'] }],
      [{ verbs: ['escalate'], apiGroups: ['apps'], resources: ['deployments'] }],
      true,
    ],
    [
      '* groups',
      [{ verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }],
      [{ verbs: ['get'], apiGroups: ['extensions'], resources: ['deployments'] }],
      true,
    ],
    [
      '* resources cover subresources',
      [{ verbs: ['get'], apiGroups: ['apps'], resources: ['*'] }],
      [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }],
      true,
    ],
    [
      '*/scale covers deployments/scale',
      [{ verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] }],
      [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }],
      true,
    ],
    [
      'deployments does not cover deployments/scale',
      [deployRead],
      [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }],
      false,
    ],
    ['any name covers one name', [deployRead], [{ ...deployRead, resourceNames: ['web'] }], true],
    [
      'one name does not cover all names',
      [{ ...deployRead, resourceNames: ['web'] }],
      [deployRead],
      false,
    ],
    [
      'names cover a subset of names',
      [{ ...deployRead, resourceNames: ['a', 'b'] }],
      [{ ...deployRead, resourceNames: ['b'] }],
      true,
    ],
    [
      'each subrule may be covered by a different owner rule',
      [
        { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] },
        { verbs: ['list', 'watch'], apiGroups: ['apps'], resources: ['deployments'] },
      ],
      [deployRead],
      true,
    ],
    [
      'url prefix',
      [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/apis/apps'] }],
      true,
    ],
    [
      'url not under prefix',
      [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/api'] }],
      false,
    ],
    [
      '* covers every url',
      [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }],
      true,
    ],
    [
      'resource rules do not cover urls',
      [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }],
      false,
    ],
    ['nothing requested', [], [], true],
  ])('%s', (_label, owner, requested, covered) => {
    expect(rulesCover(owner, requested).covered).toBe(covered);
  });

  it('breaks rules down to one verb, group, resource and name', () => {
    expect(
      breakdownRule({
        verbs: ['get', 'list'],
        apiGroups: ['apps'],
        resources: ['deployments'],
        resourceNames: ['a', 'b'],
      }),
    ).toHaveLength(4);
    expect(breakdownRule({ verbs: ['get'], nonResourceURLs: ['/a', '/b'] })).toEqual([
      { verbs: ['get'], nonResourceURLs: ['/a'] },
      { verbs: ['get'], nonResourceURLs: ['/b'] },
    ]);
  });

  it('compacts missing rules by resource and prints them as Kubernetes does', () => {
    const missing = rulesCover(
      [],
      [{ verbs: ['create', 'delete'], apiGroups: ['apps'], resources: ['deployments'] }],
    ).missing;
    expect(compactRules(missing).map(compactRuleString)).toEqual([
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["create" "delete"]}',
    ]);
    expect(compactRuleString({ verbs: ['get'], nonResourceURLs: ['/metrics'] })).toBe(
      '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    );
    expect(
      compactRuleString({
        verbs: ['get'],
        apiGroups: [''],
        resources: ['secrets'],
        resourceNames: ['s'],
      }),
    ).toBe('{APIGroups:[""], Resources:["secrets"], ResourceNames:["s"], Verbs:["get"]}');
  });
});

describe('escalation checks', () => {
  const snapshot = testSnapshot();
  const escalator = signedIn('esc');
  const binder = signedIn('binder');
  const authorizer = createRbacAuthorizer({
    ...snapshot,
    roles: [
      ...snapshot.roles,
      buildRole('a', 'role-admin', [
        { verbs: ['*'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'] },
      ]),
    ],
    clusterRoles: [
      ...snapshot.clusterRoles,
      buildClusterRole('escalator', [
        {
          verbs: ['create', 'escalate'],
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['roles'],
        },
      ]),
      buildClusterRole('view-binder', [
        {
          verbs: ['create'],
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['rolebindings'],
        },
        {
          verbs: ['bind'],
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterroles'],
          resourceNames: ['view'],
        },
      ]),
    ],
    roleBindings: [
      ...snapshot.roleBindings,
      buildRoleBinding('a', 'esc', clusterRoleRef('escalator'), [userSubject('esc')]),
      buildRoleBinding('a', 'binder', clusterRoleRef('view-binder'), [userSubject('binder')]),
    ],
  });

  const roleIn = (namespace: string, rules: PolicyRule[]) => buildRole(namespace, 'r', rules);

  it.each([
    [
      'admin creates a role within its own powers',
      projectAdmin,
      roleIn('a', [deployRead]),
      undefined,
    ],
    [
      'admin creates a role with secrets it may read',
      projectAdmin,
      roleIn('a', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }]),
      undefined,
    ],
    [
      'cluster-admin creates anything',
      clusterAdmin,
      roleIn('a', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]),
      undefined,
    ],
    [
      'system:masters creates anything',
      master,
      roleIn('zz', [{ verbs: ['*'], nonResourceURLs: ['*'] }]),
      undefined,
    ],
    [
      'escalate lets a user grant what they lack',
      escalator,
      roleIn('a', [{ verbs: ['*'], apiGroups: ['*'], resources: ['nodes'] }]),
      undefined,
    ],
    [
      'admin cannot grant update on deployment status',
      projectAdmin,
      roleIn('a', [{ verbs: ['update'], apiGroups: ['apps'], resources: ['deployments/status'] }]),
      'roles.rbac.authorization.k8s.io "r" is forbidden: user "ada" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["apps"], Resources:["deployments/status"], Verbs:["update"]}',
    ],
    [
      'admin of a cannot create the same role in b',
      projectAdmin,
      roleIn('b', [
        { verbs: ['create'], apiGroups: ['apps'], resources: ['deployments'] },
        { verbs: ['get'], nonResourceURLs: ['/metrics'] },
      ]),
      'roles.rbac.authorization.k8s.io "r" is forbidden: user "ada" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}\n{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    ],
  ])('role create: %s', (_label, user, role, message) => {
    expect(checkRoleWrite(authorizer, user, { kind: 'Role', verb: 'create', role })?.message).toBe(
      message,
    );
  });

  it('refuses an aggregationRule to anyone short of holding everything', () => {
    const aggregating = {
      ...buildClusterRole('agg', []),
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] },
    };
    const holder = createRbacAuthorizer({
      ...snapshot,
      clusterRoleBindings: [
        ...snapshot.clusterRoleBindings,
        buildClusterRoleBinding('ada-view', clusterRoleRef('view'), [userSubject('ada')]),
      ],
    });
    expect(
      checkRoleWrite(holder, projectAdmin, {
        kind: 'ClusterRole',
        verb: 'create',
        role: aggregating,
      })?.message,
    ).toBe(
      'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    );
    expect(
      checkRoleWrite(authorizer, clusterAdmin, {
        kind: 'ClusterRole',
        verb: 'create',
        role: aggregating,
      }),
    ).toBeUndefined();
  });

  it('checks `escalate` against the role named by an update', () => {
    const update = {
      kind: 'Role' as const,
      verb: 'update' as const,
      role: roleIn('a', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]),
    };
    expect(checkRoleWrite(authorizer, escalator, update)).toBeUndefined();
    expect(checkRoleWrite(authorizer, editor, update)?.code).toBe(403);
  });

  const bindingIn = (namespace: string, ref: ReturnType<typeof roleRef>) =>
    buildRoleBinding(namespace, 'rb', ref, [userSubject('someone')]);

  it.each([
    [
      'admin binds edit in its namespace',
      projectAdmin,
      bindingIn('a', clusterRoleRef('edit')),
      undefined,
    ],
    [
      'admin binds admin in its namespace',
      projectAdmin,
      bindingIn('a', clusterRoleRef('admin')),
      undefined,
    ],
    [
      'admin binds a Role of its namespace',
      projectAdmin,
      bindingIn('a', roleRef('deployer')),
      undefined,
    ],
    [
      'bind on view lets a user bind view without holding it',
      binder,
      bindingIn('a', clusterRoleRef('view')),
      undefined,
    ],
    [
      'bind on view does not extend to other roles',
      binder,
      bindingIn('a', clusterRoleRef('system:auth-delegator')),
      'rolebindings.rbac.authorization.k8s.io "rb" is forbidden: user "binder" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["authentication.k8s.io"], Resources:["tokenreviews"], Verbs:["create"]}\n{APIGroups:["authorization.k8s.io"], Resources:["subjectaccessreviews"], Verbs:["create"]}',
    ],
    [
      'admin cannot bind cluster-admin',
      projectAdmin,
      bindingIn('a', clusterRoleRef('cluster-admin')),
      'rolebindings.rbac.authorization.k8s.io "rb" is forbidden: user "ada" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}',
    ],
    [
      'a missing role is a 404',
      projectAdmin,
      bindingIn('a', roleRef('nope')),
      'roles.rbac.authorization.k8s.io "nope" not found',
    ],
  ])('binding create: %s', (_label, user, binding, message) => {
    expect(checkBindingWrite(authorizer, user, { kind: 'RoleBinding', binding })?.message).toBe(
      message,
    );
  });

  it('checks a ClusterRoleBinding against cluster-wide rules only', () => {
    const crb = buildClusterRoleBinding('crb', clusterRoleRef('view'), [userSubject('someone')]);
    expect(
      checkBindingWrite(authorizer, projectAdmin, { kind: 'ClusterRoleBinding', binding: crb })
        ?.message,
    ).toMatch(
      /^clusterrolebindings\.rbac\.authorization\.k8s\.io "crb" is forbidden: user "ada" .* not currently held:\n/,
    );
    expect(
      checkBindingWrite(authorizer, clusterAdmin, { kind: 'ClusterRoleBinding', binding: crb }),
    ).toBeUndefined();
  });
});
