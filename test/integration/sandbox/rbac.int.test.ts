/**
 * RBAC on the sandbox's API server, driven by @kubernetes/client-node with one kubeconfig per
 * user, as written by `aviary sandbox user add`: the default roles, aggregation, escalation
 * prevention, impersonation and the access reviews, each answered as kube-apiserver answers.
 */
import {
  ApiException,
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  RbacAuthorizationV1Api,
  Watch,
  type V1Deployment,
} from '@kubernetes/client-node';
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '@/lib/sandbox/apiserver/cluster-client';
import {
  buildClusterRole,
  buildClusterRoleBinding,
  buildRoleBinding,
  clusterRoleRef,
  serviceAccountSubject,
  userSubject,
} from '@/lib/sandbox/auth/rbac-builders';
import { serviceAccountGroups, serviceAccountUsername } from '@/lib/sandbox/auth/user-info';
import { kubeconfigYaml } from '@/lib/sandbox/cluster/kubeconfig';
import { upsertToken } from '@/lib/sandbox/cluster/token-store';
import { addSandboxUser } from '@/lib/sandbox/cluster/user-accounts';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait-for';

const teamA = 'team-a';
const teamB = 'team-b';
const consoleAccount = 'system:serviceaccount:team-a:console';
let sandbox: SandboxFixture;

/** The user's own kubeconfig, optionally impersonating another user (the Impersonate-User header). */
function configFor(user: string, impersonate?: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromFile(addedKubeconfigs.get(user)!);
  if (!impersonate) return config;
  const impersonating = new KubeConfig();
  impersonating.loadFromOptions({
    clusters: config.clusters,
    users: config.users.map((u) => ({ ...u, impersonateUser: impersonate })),
    contexts: config.contexts,
    currentContext: config.currentContext,
  });
  return impersonating;
}
const addedKubeconfigs = new Map<string, string>();

/**
 * A kubeconfig for a ServiceAccount: a static token for its user name and groups, as a token file
 * can give one on kube-apiserver too (`user add` makes only plain users).
 */
function serviceAccountKubeconfig(
  fixture: SandboxFixture,
  namespace: string,
  name: string,
): string {
  const entry = upsertToken(
    fixture.dataDir,
    serviceAccountUsername(namespace, name),
    serviceAccountGroups(namespace),
  );
  const path = join(fixture.dataDir, `sa-${namespace}-${name}.kubeconfig`);
  writeFileSync(
    path,
    kubeconfigYaml({
      server: fixture.cluster.url,
      caCertPem: fixture.cluster.caCertPem,
      user: entry.user,
      token: entry.token,
    }),
  );
  return path;
}

const core = (user: string, as?: string) => configFor(user, as).makeApiClient(CoreV1Api);
const apps = (user: string, as?: string) => configFor(user, as).makeApiClient(AppsV1Api);
const rbac = (user: string, as?: string) =>
  configFor(user, as).makeApiClient(RbacAuthorizationV1Api);
const authz = (user: string, as?: string) => configFor(user, as).makeApiClient(AuthorizationV1Api);

/** The failure of `call`, which must be an ApiException; its body parsed. */
async function failure(
  call: Promise<unknown>,
): Promise<{ code: number; status: Record<string, unknown> }> {
  const error = await call.then(
    () => new Error('the request succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  const exception = error as ApiException<string>;
  return { code: exception.code, status: JSON.parse(exception.body) as Record<string, unknown> };
}

/** Expects `call` to be refused with kube-apiserver's 403 Status carrying exactly `message`. */
async function expectForbidden(call: Promise<unknown>, message: string): Promise<void> {
  const { code, status } = await failure(call);
  expect(code).toBe(403);
  expect(status).toMatchObject({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    reason: 'Forbidden',
    code: 403,
    message,
  });
}

/** The sandbox's RBAC builders give plain Kubernetes JSON; client-node wants its own model types. */
const asBody = <T>(object: object): T => object as T;

const configMap = (name: string) => ({ metadata: { name }, data: { colour: 'blue' } });
const deployment = (name: string): V1Deployment => ({
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    },
  },
});

beforeAll(async () => {
  sandbox = await startSandboxFixture({ controllers: false });
  const { client } = sandbox.cluster;
  for (const name of [teamA, teamB])
    client.create(resources.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  for (const ns of [teamA, teamB]) {
    client.create(resources.configmaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: ns, name: 'settings' },
      data: { a: '1' },
    });
  }
  client.create(
    resources.rolebindings,
    buildRoleBinding(teamA, 'viewer-view', clusterRoleRef('view'), [userSubject('viewer')]),
  );
  client.create(
    resources.rolebindings,
    buildRoleBinding(teamA, 'editor-edit', clusterRoleRef('edit'), [userSubject('editor')]),
  );
  client.create(
    resources.rolebindings,
    buildRoleBinding(teamA, 'owner-admin', clusterRoleRef('admin'), [userSubject('owner')]),
  );
  client.create(
    resources.clusterrolebindings,
    buildClusterRoleBinding('root-cluster-admin', clusterRoleRef('cluster-admin'), [
      userSubject('root'),
    ]),
  );
  client.create(
    resources.clusterroles,
    buildClusterRole('console-impersonator', [
      {
        verbs: ['impersonate'],
        apiGroups: [''],
        resources: ['users', 'groups', 'serviceaccounts'],
      },
    ]),
  );
  client.create(
    resources.clusterrolebindings,
    buildClusterRoleBinding('console-impersonator', clusterRoleRef('console-impersonator'), [
      serviceAccountSubject('console', teamA),
    ]),
  );

  const users = ['viewer', 'editor', 'owner', 'root', 'stranger'];
  for (const name of users)
    addedKubeconfigs.set(name, addSandboxUser(sandbox.dataDir, name, []).kubeconfigPath);
  addedKubeconfigs.set(consoleAccount, serviceAccountKubeconfig(sandbox, teamA, 'console'));
  // The running server re-reads the token file on its own; wait until it knows everyone.
  for (const name of addedKubeconfigs.keys()) {
    await waitFor(
      () =>
        core(name)
          .getAPIResources()
          .then(() => true),
      { what: `the token of ${name} to be accepted` },
    );
  }
});
afterAll(async () => sandbox?.dispose());

describe('the default roles', () => {
  it('view reads in its namespace, is refused every write there and reads nothing elsewhere', async () => {
    expect(
      (await core('viewer').listNamespacedConfigMap({ namespace: teamA })).items.map(
        (c) => c.metadata?.name,
      ),
    ).toContain('settings');
    expect(
      (await core('viewer').readNamespacedConfigMap({ namespace: teamA, name: 'settings' })).data,
    ).toEqual({ a: '1' });
    expect((await apps('viewer').listNamespacedDeployment({ namespace: teamA })).items).toEqual([]);
    expect((await core('viewer').readNamespace({ name: teamA })).metadata?.name).toBe(teamA);

    const refused = (verb: string, resource = 'configmaps', group = '') =>
      `User "viewer" cannot ${verb} resource "${resource}" in API group "${group}" in the namespace "${teamA}"`;
    await expectForbidden(
      core('viewer').createNamespacedConfigMap({ namespace: teamA, body: configMap('new') }),
      `configmaps is forbidden: ${refused('create')}`,
    );
    const current = await core('viewer').readNamespacedConfigMap({
      namespace: teamA,
      name: 'settings',
    });
    await expectForbidden(
      core('viewer').replaceNamespacedConfigMap({
        namespace: teamA,
        name: 'settings',
        body: { ...current, data: { a: '2' } },
      }),
      `configmaps "settings" is forbidden: ${refused('update')}`,
    );
    await expectForbidden(
      core('viewer').patchNamespacedConfigMap({
        namespace: teamA,
        name: 'settings',
        body: [{ op: 'add', path: '/data/b', value: '2' }],
      }),
      `configmaps "settings" is forbidden: ${refused('patch')}`,
    );
    await expectForbidden(
      core('viewer').deleteNamespacedConfigMap({ namespace: teamA, name: 'settings' }),
      `configmaps "settings" is forbidden: ${refused('delete')}`,
    );
    await expectForbidden(
      core('viewer').deleteCollectionNamespacedConfigMap({ namespace: teamA }),
      `configmaps is forbidden: ${refused('deletecollection')}`,
    );
    await expectForbidden(
      apps('viewer').createNamespacedDeployment({ namespace: teamA, body: deployment('web') }),
      `deployments.apps is forbidden: ${refused('create', 'deployments', 'apps')}`,
    );
    // view never includes secrets: reading one can mean holding a ServiceAccount's rights.
    await expectForbidden(
      core('viewer').listNamespacedSecret({ namespace: teamA }),
      `secrets is forbidden: ${refused('list', 'secrets')}`,
    );

    await expectForbidden(
      core('viewer').listNamespacedConfigMap({ namespace: teamB }),
      `configmaps is forbidden: User "viewer" cannot list resource "configmaps" in API group "" in the namespace "${teamB}"`,
    );
    await expectForbidden(
      core('viewer').readNamespacedConfigMap({ namespace: teamB, name: 'settings' }),
      `configmaps "settings" is forbidden: User "viewer" cannot get resource "configmaps" in API group "" in the namespace "${teamB}"`,
    );
    await expectForbidden(
      core('viewer').listConfigMapForAllNamespaces(),
      'configmaps is forbidden: User "viewer" cannot list resource "configmaps" in API group "" at the cluster scope',
    );
  });

  it('a 403 carries the details kube-apiserver puts in its Status', async () => {
    const { status } = await failure(
      apps('viewer').readNamespacedDeployment({ namespace: teamB, name: 'web' }),
    );
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `deployments.apps "web" is forbidden: User "viewer" cannot get resource "deployments" in API group "apps" in the namespace "${teamB}"`,
      reason: 'Forbidden',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 403,
    });
  });

  it('watches are authorized like lists', async () => {
    const events: string[] = [];
    const watch = new Watch(configFor('viewer'));
    const allowed = await watch.watch(
      `/api/v1/namespaces/${teamA}/configmaps`,
      {},
      (type) => events.push(type),
      () => undefined,
    );
    await waitFor(() => events.includes('ADDED'), {
      what: 'the initial ADDED event of the allowed watch',
    });
    allowed.abort();

    // An event would mean the watch was let through: it settles the outcome as well as an error does.
    let refusedWatch: AbortController | undefined;
    const refused = await new Promise<unknown>((resolve) => {
      watch
        .watch(
          `/api/v1/namespaces/${teamB}/configmaps`,
          {},
          (type) => resolve(`event ${type}`),
          resolve,
        )
        .then((controller) => (refusedWatch = controller), resolve);
    });
    refusedWatch?.abort();
    expect(String(refused)).toMatch(/403|Forbidden/);
  });

  it('edit writes in its namespace only, and cannot touch RBAC', async () => {
    await core('editor').createNamespacedConfigMap({
      namespace: teamA,
      body: configMap('by-editor'),
    });
    await apps('editor').createNamespacedDeployment({ namespace: teamA, body: deployment('web') });
    const scaled = await apps('editor').patchNamespacedDeploymentScale({
      namespace: teamA,
      name: 'web',
      body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
    });
    expect(scaled.spec?.replicas).toBe(3);
    await core('editor').deleteNamespacedConfigMap({ namespace: teamA, name: 'by-editor' });
    expect((await core('editor').listNamespacedSecret({ namespace: teamA })).items).toBeDefined();

    await expectForbidden(
      core('editor').createNamespacedConfigMap({ namespace: teamB, body: configMap('by-editor') }),
      `configmaps is forbidden: User "editor" cannot create resource "configmaps" in API group "" in the namespace "${teamB}"`,
    );
    await expectForbidden(
      rbac('editor').createNamespacedRoleBinding({
        namespace: teamA,
        body: asBody(
          buildRoleBinding(teamA, 'editor-grants', clusterRoleRef('view'), [
            userSubject('stranger'),
          ]),
        ),
      }),
      `rolebindings.rbac.authorization.k8s.io is forbidden: User "editor" cannot create resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "${teamA}"`,
    );
  });

  it('admin manages RoleBindings in its namespace, not in another', async () => {
    const granted = await rbac('owner').createNamespacedRoleBinding({
      namespace: teamA,
      body: asBody(
        buildRoleBinding(teamA, 'stranger-view', clusterRoleRef('view'), [userSubject('stranger')]),
      ),
    });
    expect(granted.roleRef.name).toBe('view');
    expect(
      (await core('stranger').listNamespacedConfigMap({ namespace: teamA })).items.length,
    ).toBeGreaterThan(0);
    expect(
      (await rbac('owner').listNamespacedRoleBinding({ namespace: teamA })).items.map(
        (b) => b.metadata?.name,
      ),
    ).toContain('stranger-view');
    await rbac('owner').deleteNamespacedRoleBinding({ namespace: teamA, name: 'stranger-view' });
    await expectForbidden(
      core('stranger').listNamespacedConfigMap({ namespace: teamA }),
      `configmaps is forbidden: User "stranger" cannot list resource "configmaps" in API group "" in the namespace "${teamA}"`,
    );

    await expectForbidden(
      rbac('owner').createNamespacedRoleBinding({
        namespace: teamB,
        body: asBody(
          buildRoleBinding(teamB, 'stranger-view', clusterRoleRef('view'), [
            userSubject('stranger'),
          ]),
        ),
      }),
      `rolebindings.rbac.authorization.k8s.io is forbidden: User "owner" cannot create resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "${teamB}"`,
    );
  });

  it('cluster-admin may do everything', async () => {
    await core('root').createNamespace({ body: { metadata: { name: 'root-made' } } });
    await core('root').createNamespacedConfigMap({ namespace: teamB, body: configMap('by-root') });
    expect((await core('root').listSecretForAllNamespaces()).items).toBeDefined();
    expect((await rbac('root').listClusterRole()).items.map((r) => r.metadata?.name)).toEqual(
      expect.arrayContaining(['cluster-admin', 'admin', 'edit', 'view']),
    );
    await rbac('root').createClusterRoleBinding({
      body: asBody(
        buildClusterRoleBinding('stranger-cluster-view', clusterRoleRef('view'), [
          userSubject('stranger'),
        ]),
      ),
    });
    await rbac('root').deleteClusterRoleBinding({ name: 'stranger-cluster-view' });
  });

  it('anyone signed in may discover the API and read /version; other paths are refused; no token is 401', async () => {
    expect((await core('stranger').getAPIResources()).resources.length).toBeGreaterThan(0);
    expect((await rawGet('stranger', '/version')).code).toBe(200);
    expect((await rawGet('stranger', '/openapi/v2')).code).toBe(200);
    const metrics = await rawGet('stranger', '/metrics');
    expect(metrics.code).toBe(403);
    expect(JSON.parse(metrics.body)).toMatchObject({
      reason: 'Forbidden',
      message: 'forbidden: User "stranger" cannot get path "/metrics"',
    });
    expect((await rawGet('root', '/metrics')).code).toBe(404);
    expect((await rawGet(undefined, '/version')).code).toBe(401);
  });
});

describe('aggregation', () => {
  it('a ClusterRole labelled aggregate-to-view extends view (and so edit and admin) within a second, and leaves with it', async () => {
    const crd = () => configFor('viewer').makeApiClient(CustomObjectsApi);
    const listVirtualServices = () =>
      crd().listNamespacedCustomObject({
        group: 'networking.istio.io',
        version: 'v1',
        namespace: teamA,
        plural: 'virtualservices',
      });
    await expectForbidden(
      listVirtualServices(),
      `virtualservices.networking.istio.io is forbidden: User "viewer" cannot list resource "virtualservices" in API group "networking.istio.io" in the namespace "${teamA}"`,
    );

    const rule = {
      verbs: ['get', 'list', 'watch'],
      apiGroups: ['networking.istio.io'],
      resources: ['virtualservices'],
    };
    await rbac('root').createClusterRole({
      body: asBody(
        buildClusterRole('istio-view', [rule], {
          'rbac.authorization.k8s.io/aggregate-to-view': 'true',
        }),
      ),
    });
    await waitFor(() => listVirtualServices().then(() => true), {
      timeoutMs: 1_000,
      intervalMs: 20,
      what: 'view to include istio-view',
    });
    for (const name of ['view', 'edit', 'admin']) {
      expect((await rbac('root').readClusterRole({ name })).rules, name).toContainEqual(rule);
    }

    await rbac('root').deleteClusterRole({ name: 'istio-view' });
    await waitFor(
      () =>
        listVirtualServices().then(
          () => false,
          () => true,
        ),
      { timeoutMs: 1_000, intervalMs: 20, what: 'view to lose istio-view' },
    );
    expect((await rbac('root').readClusterRole({ name: 'view' })).rules).not.toContainEqual(rule);
  });
});

describe('escalation prevention', () => {
  it('nobody grants through a RoleBinding more than they hold', async () => {
    const { code, status } = await failure(
      rbac('owner').createNamespacedRoleBinding({
        namespace: teamA,
        body: asBody(
          buildRoleBinding(teamA, 'stranger-root', clusterRoleRef('cluster-admin'), [
            userSubject('stranger'),
          ]),
        ),
      }),
    );
    expect(code).toBe(403);
    expect(status).toMatchObject({
      reason: 'Forbidden',
      details: { name: 'stranger-root', group: 'rbac.authorization.k8s.io', kind: 'rolebindings' },
    });
    expect(status.message).toMatch(
      /^rolebindings\.rbac\.authorization\.k8s\.io "stranger-root" is forbidden: user "owner" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/,
    );
    // What admin does hold in the namespace it may pass on.
    await rbac('owner').createNamespacedRoleBinding({
      namespace: teamA,
      body: asBody(
        buildRoleBinding(teamA, 'stranger-edit', clusterRoleRef('edit'), [userSubject('stranger')]),
      ),
    });
    await rbac('owner').deleteNamespacedRoleBinding({ namespace: teamA, name: 'stranger-edit' });
  });

  it('nor through a Role with rules they lack', async () => {
    const body = {
      metadata: { name: 'node-reader', namespace: teamA },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }],
    };
    const { code, status } = await failure(
      rbac('owner').createNamespacedRole({ namespace: teamA, body }),
    );
    expect(code).toBe(403);
    expect(status.message).toContain(
      'is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}',
    );
    const held = {
      ...body,
      metadata: { name: 'cm-reader', namespace: teamA },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }],
    };
    expect(
      (await rbac('owner').createNamespacedRole({ namespace: teamA, body: held })).metadata?.name,
    ).toBe('cm-reader');
  });
});

describe('impersonation', () => {
  it('a ServiceAccount allowed to impersonate acts as the user, with exactly their rights', async () => {
    expect(
      (await core(consoleAccount, 'viewer').listNamespacedConfigMap({ namespace: teamA })).items
        .length,
    ).toBeGreaterThan(0);
    await expectForbidden(
      core(consoleAccount, 'viewer').createNamespacedConfigMap({
        namespace: teamA,
        body: configMap('as-viewer'),
      }),
      `configmaps is forbidden: User "viewer" cannot create resource "configmaps" in API group "" in the namespace "${teamA}"`,
    );
    await expectForbidden(
      core(consoleAccount, 'viewer').listNamespacedConfigMap({ namespace: teamB }),
      `configmaps is forbidden: User "viewer" cannot list resource "configmaps" in API group "" in the namespace "${teamB}"`,
    );
    // The ServiceAccount alone may not even read team-a: the rights are the viewer's, not its own.
    await expectForbidden(
      core(consoleAccount).listNamespacedConfigMap({ namespace: teamA }),
      `configmaps is forbidden: User "${consoleAccount}" cannot list resource "configmaps" in API group "" in the namespace "${teamA}"`,
    );

    const rulesOf = async (user: string, as?: string) =>
      (await authz(user, as).createSelfSubjectRulesReview({ body: { spec: { namespace: teamA } } }))
        .status;
    expect(await rulesOf(consoleAccount, 'viewer')).toEqual(await rulesOf('viewer'));
    expect(await rulesOf(consoleAccount, 'editor')).toEqual(await rulesOf('editor'));
    await core(consoleAccount, 'editor').createNamespacedConfigMap({
      namespace: teamA,
      body: configMap('as-editor'),
    });
  });

  it('without the impersonate permission the request is 403', async () => {
    await expectForbidden(
      core('stranger', 'viewer').listNamespacedConfigMap({ namespace: teamA }),
      'users "viewer" is forbidden: User "stranger" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
    await expectForbidden(
      core('editor', 'system:serviceaccount:team-b:default').listNamespacedConfigMap({
        namespace: teamB,
      }),
      `serviceaccounts "default" is forbidden: User "editor" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "${teamB}"`,
    );
  });

  it('repeated Impersonate-Group headers are separate groups, each checked', async () => {
    sandbox.cluster.client.create(
      resources.rolebindings,
      buildRoleBinding(teamB, 'auditors-view', clusterRoleRef('view'), [
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'auditors' },
      ]),
    );
    const headers = { 'Impersonate-User': 'carol', 'Impersonate-Group': ['staff', 'auditors'] };
    await waitFor(
      async () =>
        (await rawGet(consoleAccount, `/api/v1/namespaces/${teamB}/configmaps`, headers)).code ===
        200,
      {
        what: 'carol as an auditor to read team-b',
      },
    );
    const refused = await rawGet('editor', `/api/v1/namespaces/${teamB}/configmaps`, headers);
    expect(refused.code).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({
      reason: 'Forbidden',
      message:
        'users "carol" is forbidden: User "editor" cannot impersonate resource "users" in API group "" at the cluster scope',
    });
  });
});

describe('access reviews', () => {
  it('SelfSubjectAccessReview answers for the caller', async () => {
    const ask = (user: string, verb: string, namespace: string) =>
      authz(user).createSelfSubjectAccessReview({
        body: { spec: { resourceAttributes: { namespace, verb, resource: 'configmaps' } } },
      });
    expect((await ask('viewer', 'list', teamA)).status).toEqual({
      allowed: true,
      reason: `RBAC: allowed by RoleBinding "viewer-view/${teamA}" of ClusterRole "view" to User "viewer"`,
    });
    expect((await ask('viewer', 'create', teamA)).status).toEqual({ allowed: false });
    expect((await ask('viewer', 'list', teamB)).status?.allowed).toBe(false);
  });

  it('SubjectAccessReview and LocalSubjectAccessReview answer about others, for who may ask', async () => {
    const review = await authz('root').createSubjectAccessReview({
      body: {
        spec: {
          user: 'editor',
          groups: ['system:authenticated'],
          resourceAttributes: {
            namespace: teamA,
            verb: 'delete',
            group: 'apps',
            resource: 'deployments',
          },
        },
      },
    });
    expect(review.status?.allowed).toBe(true);
    await expectForbidden(
      authz('editor').createSubjectAccessReview({
        body: { spec: { user: 'viewer', resourceAttributes: { verb: 'get', resource: 'pods' } } },
      }),
      'subjectaccessreviews.authorization.k8s.io is forbidden: User "editor" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope',
    );
    const local = await authz('owner').createNamespacedLocalSubjectAccessReview({
      namespace: teamA,
      body: {
        metadata: { namespace: teamA },
        spec: {
          user: 'viewer',
          resourceAttributes: { namespace: teamA, verb: 'watch', resource: 'pods' },
        },
      },
    });
    expect(local.status?.allowed).toBe(true);
  });

  it('SelfSubjectRulesReview lists the rules bound to the caller in a namespace', async () => {
    const status = (
      await authz('viewer').createSelfSubjectRulesReview({ body: { spec: { namespace: teamA } } })
    ).status!;
    expect(status.incomplete).toBe(false);
    expect(status.resourceRules).toContainEqual({
      verbs: ['create'],
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    });
    expect(status.resourceRules).toContainEqual(
      expect.objectContaining({
        verbs: ['get', 'list', 'watch'],
        apiGroups: [''],
        resources: expect.arrayContaining(['pods', 'configmaps']),
      }),
    );
    expect(
      status.resourceRules.some(
        (rule) => rule.verbs.includes('create') && rule.resources?.includes('configmaps'),
      ),
    ).toBe(false);
    expect(status.nonResourceRules).toContainEqual(
      expect.objectContaining({
        verbs: ['get'],
        nonResourceURLs: expect.arrayContaining(['/api', '/version']),
      }),
    );

    const elsewhere = (
      await authz('viewer').createSelfSubjectRulesReview({ body: { spec: { namespace: teamB } } })
    ).status!;
    expect(elsewhere.resourceRules.some((rule) => rule.resources?.includes('configmaps'))).toBe(
      false,
    );
  });
});

/** A GET with the user's token (or none) and extra headers, arrays sent as repeated headers. */
function rawGet(
  user: string | undefined,
  path: string,
  headers: Record<string, string | string[]> = {},
): Promise<{ code: number; body: string }> {
  const config = configFor(user ?? 'root');
  const cluster = config.getCurrentCluster()!;
  const token = config.getCurrentUser()!.token!;
  const url = new URL(path, cluster.server);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        ca: Buffer.from(cluster.caData!, 'base64'),
        headers: { ...(user ? { authorization: `Bearer ${token}` } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ code: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
