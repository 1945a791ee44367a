/**
 * SelfSubjectReview (authentication.k8s.io/v1) on the sandbox's API server: over raw HTTPS as the
 * admin, as a user made with `aviary sandbox user add` and impersonated; in discovery; and through
 * `kubectl auth whoami` for every installed kubectl, which asks v1 from 1.28 on; with 1.32+, which
 * send protobuf, also `auth can-i` and `auth can-i --list`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSandboxUser } from '@/lib/sandbox/cluster/user-accounts';
import { installedKubectls, kubectl } from '../../support/kubectl';
import { rawApi, type RawResponse } from '../../support/raw-api';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';

const path = '/apis/authentication.k8s.io/v1/selfsubjectreviews';
const review = JSON.stringify({
  apiVersion: 'authentication.k8s.io/v1',
  kind: 'SelfSubjectReview',
});
let sandbox: SandboxFixture;
let work: ReturnType<typeof makeTempDir>;
let alice: ReturnType<typeof addSandboxUser>;

function api(token = sandbox.cluster.adminToken) {
  return rawApi({ url: sandbox.cluster.url, token, caCertPem: sandbox.cluster.caCertPem });
}

function userInfoOf(response: RawResponse): unknown {
  expect(response.status, response.body).toBe(201);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(body).toMatchObject({
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) },
  });
  return (body.status as { userInfo: unknown }).userInfo;
}

beforeAll(async () => {
  work = makeTempDir('self-subject-review');
  sandbox = await startSandboxFixture({ controllers: false });
  alice = addSandboxUser(sandbox.dataDir, 'alice', ['release-managers', 'staff']);
  // The sandbox re-reads its token file at most twice a second: wait until alice's token works.
  await waitFor(async () => (await api(alice.token)('GET', '/api')).status === 200, {
    what: "alice's token to be accepted",
  });
});

afterAll(async () => {
  await sandbox?.dispose();
  work?.remove();
});

describe('SelfSubjectReview over HTTPS', () => {
  it('answers the admin as authenticated by its token', async () => {
    expect(userInfoOf(await api()('POST', path, review))).toEqual({
      username: 'sandbox-admin',
      groups: ['system:masters', 'system:authenticated'],
    });
  });

  it('answers a user added with `sandbox user add`, who has no binding at all', async () => {
    expect(userInfoOf(await api(alice.token)('POST', path, review))).toEqual({
      username: 'alice',
      groups: ['release-managers', 'staff', 'system:authenticated'],
    });
  });

  it('answers the impersonated user and groups, with system:authenticated added', async () => {
    const response = await api()('POST', path, review, {
      'Impersonate-User': 'bob',
      'Impersonate-Group': 'auditors',
    });
    expect(userInfoOf(response)).toEqual({
      username: 'bob',
      groups: ['auditors', 'system:authenticated'],
    });
  });

  it('ignores what the posted body claims and accepts a bare object', async () => {
    const claimed = JSON.stringify({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      status: { userInfo: { username: 'sandbox-admin', groups: ['system:masters'] } },
    });
    expect(userInfoOf(await api(alice.token)('POST', path, claimed))).toMatchObject({
      username: 'alice',
    });
    expect(userInfoOf(await api(alice.token)('POST', path, '{}'))).toMatchObject({
      username: 'alice',
    });
  });

  it.each([
    ['malformed JSON', '{"kind":', 'the request body is not valid JSON'],
    [
      'another kind',
      JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview' }),
      'the kind in the data (TokenReview) does not match the expected kind (SelfSubjectReview)',
    ],
    [
      'another version',
      JSON.stringify({ apiVersion: 'authentication.k8s.io/v1beta1', kind: 'SelfSubjectReview' }),
      'the API version in the data (authentication.k8s.io/v1beta1) does not match the expected API version (authentication.k8s.io/v1)',
    ],
    [
      'a metadata that is not an object',
      JSON.stringify({ kind: 'SelfSubjectReview', metadata: 'me' }),
      'the body of the SelfSubjectReview could not be decoded at metadata',
    ],
    ['an array', '[]', 'the body of the SelfSubjectReview must be a JSON object'],
  ])('refuses %s with a 400 Status', async (_case, body, message) => {
    const response = await api()('POST', path, body);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
      message: expect.stringContaining(message),
    });
  });

  it('is create-only, and served in v1 only', async () => {
    expect((await api()('GET', path)).status).toBe(405);
    expect((await api()('POST', path.replace('/v1/', '/v1beta1/'), review)).status).toBe(404);
  });

  it('appears in discovery as a cluster-scoped, create-only resource', async () => {
    const list = JSON.parse((await api()('GET', '/apis/authentication.k8s.io/v1')).body) as {
      resources: unknown[];
    };
    expect(list.resources).toContainEqual(
      expect.objectContaining({
        name: 'selfsubjectreviews',
        kind: 'SelfSubjectReview',
        namespaced: false,
        verbs: ['create'],
      }),
    );
    const groups = JSON.parse((await api()('GET', '/apis')).body) as {
      groups: { name: string; preferredVersion: { version: string } }[];
    };
    expect(groups.groups).toContainEqual(
      expect.objectContaining({
        name: 'authentication.k8s.io',
        preferredVersion: expect.objectContaining({ version: 'v1' }),
      }),
    );
  });
});

describe('kubectl auth whoami', () => {
  const kubectls = installedKubectls();
  const minorOf = (version: string) => Number(version.split('.')[1]);
  // 1.32+ send the review as protobuf (decoded for these kinds), 1.28 to 1.31 as JSON.
  const json = kubectls.filter(({ minor }) => minorOf(minor) >= 28 && minorOf(minor) <= 31);

  it('finds kubectl 1.28 to 1.31 beside the dispatcher', () => {
    expect(json.map(({ minor }) => minor)).toEqual(['1.28', '1.29', '1.30', '1.31']);
  });

  it.each(json.map(({ minor, path: binary }) => [minor, binary]))(
    'kubectl %s prints the user its token belongs to',
    async (minor, binary) => {
      const result = await kubectl(binary, ['auth', 'whoami', '-o', 'json'], {
        kubeconfig: alice.kubeconfigPath,
        cacheDir: join(work.path, `cache-${minor}`),
      });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        kind: 'SelfSubjectReview',
        status: {
          userInfo: {
            username: 'alice',
            groups: ['release-managers', 'staff', 'system:authenticated'],
          },
        },
      });
    },
  );

  it('kubectl 1.31 prints the impersonated identity with --as and --as-group', async () => {
    const [v131] = json.filter(({ minor }) => minor === '1.31');
    const result = await kubectl(
      v131!.path,
      ['auth', 'whoami', '--as', 'carol', '--as-group', 'auditors'],
      { kubeconfig: sandbox.cluster.kubeconfigPath, cacheDir: join(work.path, 'cache-as') },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Username\s+carol$/m);
    expect(result.stdout).toMatch(/^Groups\s+\[auditors system:authenticated\]$/m);
  });

  it.each(
    kubectls
      .filter(({ minor }) => minorOf(minor) >= 32)
      .map(({ minor, path: binary }) => [minor, binary]),
  )(
    'kubectl %s (protobuf bodies) answers whoami, can-i and can-i --list',
    async (minor, binary) => {
      const run = (args: string[]) =>
        kubectl(binary, args, {
          kubeconfig: alice.kubeconfigPath,
          cacheDir: join(work.path, `cache-${minor}`),
        });
      const whoami = await run(['auth', 'whoami', '-o', 'json']);
      expect(whoami.code, whoami.stderr).toBe(0);
      expect(JSON.parse(whoami.stdout)).toMatchObject({
        kind: 'SelfSubjectReview',
        status: {
          userInfo: {
            username: 'alice',
            groups: ['release-managers', 'staff', 'system:authenticated'],
          },
        },
      });
      // alice has no binding: she may not get pods, and exits 1 saying "no".
      const canGet = await run(['auth', 'can-i', 'get', 'pods']);
      expect(canGet.stdout.trim(), canGet.stderr).toBe('no');
      expect(canGet.code).toBe(1);
      // Reviewing her own access is allowed to everyone.
      const canReview = await run([
        'auth',
        'can-i',
        'create',
        'selfsubjectaccessreviews.authorization.k8s.io',
      ]);
      expect(canReview.stdout.trim(), canReview.stderr).toBe('yes');
      const list = await run(['auth', 'can-i', '--list']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(
        /^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m,
      );
      expect(list.stdout).not.toMatch(/^pods\s/m);
    },
  );

  it('kubectl 1.33 answers can-i as the admin and as an impersonated user', async () => {
    const [v133] = kubectls.filter(({ minor }) => minor === '1.33');
    const run = (args: string[]) =>
      kubectl(v133!.path, args, {
        kubeconfig: sandbox.cluster.kubeconfigPath,
        cacheDir: join(work.path, 'cache-admin-133'),
      });
    const admin = await run(['auth', 'can-i', 'get', 'pods', '-n', 'default']);
    expect(admin.stdout.trim(), admin.stderr).toBe('yes');
    const carol = await run(['auth', 'can-i', 'delete', 'nodes', '--as', 'carol']);
    expect(carol.stdout.trim(), carol.stderr).toBe('no');
    const whoami = await run(['auth', 'whoami', '--as', 'carol', '--as-group', 'auditors']);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.stdout).toMatch(/^Username\s+carol$/m);
  });
});
