import { describe, expect, it } from 'vitest';
import { createRbacAuthorizer } from './rbac-authorizer';
import {
  buildClusterRoleBinding,
  buildRoleBinding,
  clusterRoleRef,
  serviceAccountSubject,
  userSubject,
} from './rbac-builders';
import {
  clusterAdmin,
  deployer,
  editor,
  master,
  projectAdmin,
  signedIn,
  stranger,
  teamMember,
  testSnapshot,
  viewer,
} from './rbac-test-fixture';
import {
  nonResourceAttributes,
  resourceAttributes,
  type RequestAttributes,
} from './request-attributes';
import { anonymousUser, serviceAccountUser, type UserInfo } from './user-info';

const authorizer = createRbacAuthorizer(testSnapshot());

const core = (verb: string, resource: string, namespace: string, name = '', subresource = '') =>
  resourceAttributes({ verb, resource, namespace, name, subresource });
const apps = (verb: string, resource: string, namespace: string, name = '', subresource = '') =>
  resourceAttributes({ verb, apiGroup: 'apps', resource, namespace, name, subresource });
const rbac = (verb: string, resource: string, namespace: string, name = '') =>
  resourceAttributes({ verb, apiGroup: 'rbac.authorization.k8s.io', resource, namespace, name });

type Case = [string, UserInfo, RequestAttributes, boolean];

const writeVerbs = ['create', 'update', 'patch', 'delete', 'deletecollection'];

describe('RBAC authorize', () => {
  it.each<Case>([
    // view in a: reads there, never secrets, no writes, nothing in b.
    ['view lists pods in a', viewer, core('list', 'pods', 'a'), true],
    ['view watches deployments in a', viewer, apps('watch', 'deployments', 'a'), true],
    ['view gets a deployment in a', viewer, apps('get', 'deployments', 'a', 'web'), true],
    ['view reads pod logs in a', viewer, core('get', 'pods', 'a', 'web', 'log'), true],
    ['view reads its namespace', viewer, core('get', 'namespaces', 'a', 'a'), true],
    ['view reads deployments/scale', viewer, apps('get', 'deployments', 'a', 'web', 'scale'), true],
    ['view never reads secrets', viewer, core('get', 'secrets', 'a', 'token'), false],
    ['view never lists secrets', viewer, core('list', 'secrets', 'a'), false],
    ['view cannot exec into pods', viewer, core('create', 'pods', 'a', 'web', 'exec'), false],
    ['view reads nothing in b', viewer, core('list', 'pods', 'b'), false],
    ['view lists no pods cluster-wide', viewer, core('list', 'pods', ''), false],
    ['view cannot list rolebindings', viewer, rbac('list', 'rolebindings', 'a'), false],
    ...writeVerbs.map((verb): Case => [
      `view cannot ${verb} deployments in a`,
      viewer,
      apps(verb, 'deployments', 'a', verb === 'create' || verb === 'deletecollection' ? '' : 'web'),
      false,
    ]),
    ...writeVerbs.map((verb): Case => [
      `view cannot ${verb} configmaps in a`,
      viewer,
      core(verb, 'configmaps', 'a'),
      false,
    ]),
    // edit: writes in a only, secrets included, RBAC excluded.
    ...writeVerbs.map((verb): Case => [
      `edit may ${verb} deployments in a`,
      editor,
      apps(verb, 'deployments', 'a'),
      true,
    ]),
    ['edit writes secrets in a', editor, core('create', 'secrets', 'a'), true],
    ['edit reads secrets in a', editor, core('get', 'secrets', 'a', 'token'), true],
    [
      'edit scales deployments in a',
      editor,
      apps('update', 'deployments', 'a', 'web', 'scale'),
      true,
    ],
    [
      'edit cannot update deployment status',
      editor,
      apps('update', 'deployments', 'a', 'web', 'status'),
      false,
    ],
    [
      'edit impersonates serviceaccounts in a',
      editor,
      core('impersonate', 'serviceaccounts', 'a', 'default'),
      true,
    ],
    ['edit cannot create rolebindings', editor, rbac('create', 'rolebindings', 'a'), false],
    ['edit cannot create roles', editor, rbac('create', 'roles', 'a'), false],
    ['edit writes nothing in b', editor, apps('create', 'deployments', 'b'), false],
    ['edit reads nothing in b', editor, core('list', 'pods', 'b'), false],
    ['edit creates no namespaces', editor, core('create', 'namespaces', ''), false],
    [
      'edit writes leases in a',
      editor,
      resourceAttributes({
        verb: 'update',
        apiGroup: 'coordination.k8s.io',
        resource: 'leases',
        namespace: 'a',
        name: 'l',
      }),
      true,
    ],
    // admin: edit plus roles and rolebindings in a.
    ['admin creates rolebindings in a', projectAdmin, rbac('create', 'rolebindings', 'a'), true],
    [
      'admin deletes rolebindings in a',
      projectAdmin,
      rbac('delete', 'rolebindings', 'a', 'vera-view'),
      true,
    ],
    ['admin lists roles in a', projectAdmin, rbac('list', 'roles', 'a'), true],
    [
      'admin creates localsubjectaccessreviews in a',
      projectAdmin,
      resourceAttributes({
        verb: 'create',
        apiGroup: 'authorization.k8s.io',
        resource: 'localsubjectaccessreviews',
        namespace: 'a',
      }),
      true,
    ],
    [
      'admin writes deployments in a (from edit)',
      projectAdmin,
      apps('patch', 'deployments', 'a', 'web'),
      true,
    ],
    [
      'admin cannot create rolebindings in b',
      projectAdmin,
      rbac('create', 'rolebindings', 'b'),
      false,
    ],
    [
      'admin cannot create clusterrolebindings',
      projectAdmin,
      rbac('create', 'clusterrolebindings', ''),
      false,
    ],
    [
      'admin cannot delete its namespace',
      projectAdmin,
      core('delete', 'namespaces', 'a', 'a'),
      false,
    ],
    // cluster-admin and system:masters: everything.
    ['cluster-admin deletes nodes', clusterAdmin, core('delete', 'nodes', '', 'n1'), true],
    ['cluster-admin reads secrets anywhere', clusterAdmin, core('list', 'secrets', ''), true],
    [
      'cluster-admin escalates clusterroles',
      clusterAdmin,
      rbac('escalate', 'clusterroles', '', 'view'),
      true,
    ],
    ['cluster-admin gets any URL', clusterAdmin, nonResourceAttributes('get', '/metrics'), true],
    [
      'system:masters does anything',
      master,
      resourceAttributes({
        verb: 'frobnicate',
        apiGroup: 'x.io',
        resource: 'things',
        namespace: 'q',
      }),
      true,
    ],
    // Groups and ServiceAccounts.
    ['team-b member edits in b', teamMember, apps('create', 'deployments', 'b'), true],
    ['team-b member nothing in a', teamMember, apps('get', 'deployments', 'a', 'web'), false],
    // resourceNames: only requests that name the object.
    ['deployer gets deployment web', deployer, apps('get', 'deployments', 'a', 'web'), true],
    ['deployer patches deployment web', deployer, apps('patch', 'deployments', 'a', 'web'), true],
    ['deployer cannot get deployment api', deployer, apps('get', 'deployments', 'a', 'api'), false],
    ['deployer cannot list deployments', deployer, apps('list', 'deployments', 'a'), false],
    [
      'deployer may list deployments by metadata.name=web',
      deployer,
      apps('list', 'deployments', 'a', 'web'),
      true,
    ],
    [
      'deployer cannot create (create has no name)',
      deployer,
      apps('create', 'deployments', 'a'),
      false,
    ],
    [
      'deployer cannot delete web (verb not listed)',
      deployer,
      apps('delete', 'deployments', 'a', 'web'),
      false,
    ],
    // Subresources.
    [
      'deployer scales any deployment',
      deployer,
      apps('update', 'deployments', 'a', 'api', 'scale'),
      true,
    ],
    [
      'deployments/scale does not grant deployments',
      deployer,
      apps('update', 'deployments', 'a', 'api'),
      false,
    ],
    ['deployer reads pod logs', deployer, core('get', 'pods', 'a', 'web', 'log'), true],
    ['pods/log does not grant pods', deployer, core('get', 'pods', 'a', 'web'), false],
    ['pods/log does not grant pods/exec', deployer, core('get', 'pods', 'a', 'web', 'exec'), false],
    [
      '*/scale grants statefulsets/scale',
      signedIn('sam'),
      apps('update', 'statefulsets', 'a', 's', 'scale'),
      true,
    ],
    [
      '*/scale grants no other subresource',
      signedIn('sam'),
      apps('update', 'statefulsets', 'a', 's', 'status'),
      false,
    ],
    [
      '*/scale grants not the resource itself',
      signedIn('sam'),
      apps('get', 'statefulsets', 'a', 's'),
      false,
    ],
    [
      'pods/* is not a wildcard in Kubernetes',
      signedIn('sam'),
      core('get', 'pods', 'a', 'web', 'log'),
      false,
    ],
    [
      'an SA of another namespace is not the subject',
      serviceAccountUser('b', 'deployer'),
      apps('get', 'deployments', 'a', 'web'),
      false,
    ],
    // Non-resource URLs.
    [
      'any signed-in user discovers /apis/apps/v1',
      stranger,
      nonResourceAttributes('get', '/apis/apps/v1'),
      true,
    ],
    ['any signed-in user gets /api', stranger, nonResourceAttributes('get', '/api'), true],
    [
      'any signed-in user gets /openapi/v2',
      stranger,
      nonResourceAttributes('get', '/openapi/v2'),
      true,
    ],
    ['/version/ is listed explicitly', stranger, nonResourceAttributes('get', '/version/'), true],
    ['/versions is not under /version', stranger, nonResourceAttributes('get', '/versions'), false],
    ['discovery is get only', stranger, nonResourceAttributes('post', '/apis'), false],
    ['/metrics needs monitoring', stranger, nonResourceAttributes('get', '/metrics'), false],
    ['anonymous gets /healthz', anonymousUser(), nonResourceAttributes('get', '/healthz'), true],
    ['anonymous gets /version', anonymousUser(), nonResourceAttributes('get', '/version'), true],
    [
      'anonymous cannot discover /apis',
      anonymousUser(),
      nonResourceAttributes('get', '/apis'),
      false,
    ],
    [
      'signed-in users may create selfsubjectaccessreviews',
      stranger,
      resourceAttributes({
        verb: 'create',
        apiGroup: 'authorization.k8s.io',
        resource: 'selfsubjectaccessreviews',
      }),
      true,
    ],
    [
      'anonymous may not create selfsubjectaccessreviews',
      anonymousUser(),
      resourceAttributes({
        verb: 'create',
        apiGroup: 'authorization.k8s.io',
        resource: 'selfsubjectaccessreviews',
      }),
      false,
    ],
  ])('%s', (_label, user, attributes, allowed) => {
    expect(authorizer.authorize(user, attributes).allowed).toBe(allowed);
  });

  it.each([
    [
      editor,
      apps('create', 'deployments', 'a'),
      'RBAC: allowed by RoleBinding "eddie-edit/a" of ClusterRole "edit" to User "eddie"',
    ],
    [
      teamMember,
      apps('create', 'deployments', 'b'),
      'RBAC: allowed by RoleBinding "team-b-edit/b" of ClusterRole "edit" to Group "team-b"',
    ],
    [
      deployer,
      apps('get', 'deployments', 'a', 'web'),
      'RBAC: allowed by RoleBinding "deployer/a" of Role "deployer" to ServiceAccount "deployer/a"',
    ],
    [
      clusterAdmin,
      core('delete', 'nodes', '', 'n1'),
      'RBAC: allowed by ClusterRoleBinding "root-admin" of ClusterRole "cluster-admin" to User "root"',
    ],
    [
      stranger,
      nonResourceAttributes('get', '/apis'),
      'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
    ],
    [master, core('delete', 'nodes', '', 'n1'), ''],
    [viewer, core('get', 'secrets', 'a', 'token'), ''],
  ])('gives the reason Kubernetes gives (%#)', (user, attributes, reason) => {
    expect(authorizer.authorize(user, attributes).reason).toBe(reason);
  });

  it('reports bindings whose role is missing in the refusal reason', () => {
    expect(authorizer.authorize(stranger, core('get', 'pods', 'a', 'x')).reason).toBe(
      'RBAC: role.rbac.authorization.k8s.io "gone" not found',
    );
    expect(authorizer.authorize(stranger, core('get', 'pods', 'b', 'x')).reason).toBe(
      'RBAC: clusterrole.rbac.authorization.k8s.io "vanished" not found',
    );
  });

  it('lists rules: cluster-wide first, then the namespace', () => {
    const { rules, errors } = authorizer.rulesFor(deployer, 'a');
    expect(errors).toEqual([]);
    expect(rules.at(-1)).toEqual({ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] });
    expect(rules[0]?.nonResourceURLs).toContain('/apis/*');
    expect(
      authorizer
        .rulesFor(deployer, 'b')
        .rules.some((rule) => rule.resources?.includes('deployments')),
    ).toBe(false);
  });

  it('matches a ServiceAccount subject in a ClusterRoleBinding only with its namespace', () => {
    const snapshot = testSnapshot();
    const withSas = createRbacAuthorizer({
      ...snapshot,
      clusterRoleBindings: [
        buildClusterRoleBinding('ns-less', clusterRoleRef('cluster-admin'), [
          serviceAccountSubject('ghost'),
        ]),
        buildClusterRoleBinding('ci', clusterRoleRef('view'), [
          serviceAccountSubject('ci', 'tools'),
        ]),
      ],
    });
    expect(
      withSas.authorize(serviceAccountUser('tools', 'ghost'), core('list', 'pods', '')).allowed,
    ).toBe(false);
    expect(
      withSas.authorize(serviceAccountUser('tools', 'ci'), core('list', 'pods', 'anywhere')).reason,
    ).toBe(
      'RBAC: allowed by ClusterRoleBinding "ci" of ClusterRole "view" to ServiceAccount "ci/tools"',
    );
  });

  it('decides from the snapshot it was built from, and a new snapshot makes a new decision', () => {
    const snapshot = testSnapshot();
    const before = createRbacAuthorizer(snapshot);
    const after = createRbacAuthorizer({
      ...snapshot,
      roleBindings: [
        ...snapshot.roleBindings,
        buildRoleBinding('b', 'vera-view-b', clusterRoleRef('view'), [userSubject('vera')]),
      ],
    });
    expect(before.authorize(viewer, core('list', 'pods', 'b')).allowed).toBe(false);
    expect(after.authorize(viewer, core('list', 'pods', 'b')).allowed).toBe(true);
  });
});
