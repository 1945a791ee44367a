import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kubectl } from '../../support/kubectl';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';
import { kubectlSandboxForFile } from '../../support/sandbox-kubectl';
import { waitFor } from '../../support/wait-for';

/**
 * Deletion as kube-apiserver does it, through the real kubectl (the dispatcher on PATH runs the
 * minor the sandbox reports) and raw requests: finalizers, generation, the DELETE answer, a
 * namespace that waits for its contents, and the namespaces that cannot be deleted.
 */

const hold = 'example.com/block';
const kube = kubectlSandboxForFile('deletion', { controllers: false });
const { api, run, ok } = kube;
const json = <T>(text: string) => JSON.parse(text) as T;
interface Meta {
  metadata: {
    name: string;
    generation?: number;
    deletionTimestamp?: string;
    deletionGracePeriodSeconds?: number;
    finalizers?: string[];
  };
  status?: {
    phase?: string;
    conditions?: Array<{ type: string; status: string; reason: string; message: string }>;
  };
}
const configMap = (namespace: string, name: string, finalizers?: string[]) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, ...(finalizers ? { finalizers } : {}) },
    data: { a: '1' },
  });
const createNamespace = (name: string) =>
  api('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name } }));

describe('an object held by a finalizer', () => {
  const ns = 'held';
  const path = `/api/v1/namespaces/${ns}/configmaps/keep`;
  /** kubectl's arguments for a merge patch of the held ConfigMap. */
  const patchKeep = (patch: string) => [
    '-n',
    ns,
    'patch',
    'cm',
    'keep',
    '--type',
    'merge',
    '-p',
    patch,
  ];

  it('is answered 200 with the object, marked for deletion, its generation bumped', async () => {
    await createNamespace(ns);
    expect(
      (await api('POST', `/api/v1/namespaces/${ns}/configmaps`, configMap(ns, 'keep', [hold])))
        .status,
    ).toBe(201);
    const res = await api('DELETE', path, JSON.stringify({ propagationPolicy: 'Background' }));
    expect(res.status).toBe(200);
    const deleted = json<Meta & { kind: string }>(res.body);
    expect(deleted.kind).toBe('ConfigMap');
    expect(deleted.metadata.deletionTimestamp).toBeDefined();
    expect(deleted.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(deleted.metadata.generation).toBe(2);
    // A second DELETE changes nothing and is answered the same way.
    const again = await api('DELETE', path);
    expect(again.status).toBe(200);
    expect(json<Meta>(again.body).metadata.generation).toBe(2);
  });

  it('refuses a new finalizer with the Forbidden cause kube-apiserver gives', async () => {
    const res = await api(
      'PATCH',
      path,
      JSON.stringify({ metadata: { finalizers: [hold, 'example.com/later', 'example.com/also'] } }),
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(res.status).toBe(422);
    const message =
      'Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/also", "example.com/later"}';
    expect(json<object>(res.body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Invalid',
      code: 422,
      message: `ConfigMap "keep" is invalid: metadata.finalizers: ${message}`,
      details: {
        name: 'keep',
        kind: 'ConfigMap',
        causes: [{ reason: 'FieldValueForbidden', message, field: 'metadata.finalizers' }],
      },
    });
    const result = await run(
      patchKeep('{"metadata":{"finalizers":["example.com/block","example.com/x"]}}'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'The ConfigMap "keep" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/x"}',
    );
  });

  it('goes when its last finalizer is removed', async () => {
    await ok(patchKeep('{"metadata":{"finalizers":null}}'));
    expect((await api('GET', path)).status).toBe(404);
  });
});

describe('a terminating namespace', () => {
  const ns = 'going';

  it('stays Terminating while a finalizer holds its contents, then goes with them', async () => {
    await ok(['create', 'namespace', ns]);
    await ok(['apply', '-f', '-'], configMap(ns, 'blocked', [hold]));
    await ok(['apply', '-f', '-'], configMap(ns, 'plain'));
    await ok(['-n', ns, 'create', 'deployment', 'web', '--image=nginx:1.27']);

    expect(await ok(['delete', 'namespace', ns, '--wait=false'])).toContain(
      `namespace "${ns}" deleted`,
    );

    // Everything without a finalizer goes; the held ConfigMap stays, marked for deletion.
    const blocked = await waitFor(
      async () => {
        const list = json<{ items: Meta[] }>(
          await ok(['-n', ns, 'get', 'cm,deploy', '-o', 'json']),
        );
        return list.items.length === 1 ? list.items[0] : undefined;
      },
      { what: 'only the held ConfigMap left' },
    );
    expect(blocked.metadata.name).toBe('blocked');
    expect(blocked.metadata.deletionTimestamp).toBeDefined();
    const namespace = await waitFor(async () => {
      const n = json<Meta>(await ok(['get', 'namespace', ns, '-o', 'json']));
      return n.status?.conditions ? n : undefined;
    });
    expect(namespace.status?.phase).toBe('Terminating');
    expect(namespace.status?.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'NamespaceContentRemaining',
          status: 'True',
          reason: 'SomeResourcesRemain',
          message: 'Some resources are remaining: configmaps. has 1 resource instances',
        }),
        expect.objectContaining({
          type: 'NamespaceFinalizersRemaining',
          status: 'True',
          reason: 'SomeFinalizersRemain',
          message:
            'Some content in the namespace has finalizers remaining: example.com/block in 1 resource instances',
        }),
      ]),
    );
    expect(await ok(['get', 'namespace', ns])).toMatch(new RegExp(`^${ns}\\s+Terminating`, 'm'));

    // Nothing new may be created in it.
    const refused = await run(['apply', '-f', '-'], configMap(ns, 'late'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Error from server (Forbidden): error when creating "STDIN": configmaps "late" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
    );

    await ok([
      '-n',
      ns,
      'patch',
      'cm',
      'blocked',
      '--type',
      'merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    ]);
    await waitFor(async () => (await api('GET', `/api/v1/namespaces/${ns}`)).status === 404, {
      what: 'the namespace to go',
    });
  });
});

describe('the namespaces kube-apiserver keeps', () => {
  it.each(['default', 'kube-system', 'kube-public'])(
    'refuses to delete %s, dry run included',
    async (name) => {
      const message = `namespaces "${name}" is forbidden: this namespace may not be deleted`;
      for (const extra of [[], ['--dry-run=server']]) {
        const result = await run(['delete', 'namespace', name, ...extra]);
        expect(result.code).toBe(1);
        expect(result.stderr.trim()).toBe(`Error from server (Forbidden): ${message}`);
      }
      const res = await api('DELETE', `/api/v1/namespaces/${name}?dryRun=All`);
      expect(res.status).toBe(403);
      expect(json<object>(res.body)).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason: 'Forbidden',
        details: { name, kind: 'namespaces' },
        code: 403,
      });
      expect(json<Meta>((await api('GET', `/api/v1/namespaces/${name}`)).body).status?.phase).toBe(
        'Active',
      );
    },
  );
});

describe('a namespace with running workloads', () => {
  let live: SandboxFixture;
  afterAll(async () => live?.dispose());

  it('goes with its Deployments, ReplicaSets and pods', async () => {
    live = await startSandboxFixture();
    const run = (args: string[]) =>
      kubectl('kubectl', args, {
        kubeconfig: live.cluster.kubeconfigPath,
        cacheDir: join(kube.workDir, 'cache-live'),
      });
    expect((await run(['create', 'namespace', 'busy'])).code).toBe(0);
    expect(
      (
        await run([
          '-n',
          'busy',
          'create',
          'deployment',
          'web',
          '--image=nginx:1.27',
          '--replicas=3',
        ])
      ).code,
    ).toBe(0);
    await waitFor(
      async () =>
        (await run(['-n', 'busy', 'get', 'pods', '-o', 'name'])).stdout.split('\n').filter(Boolean)
          .length === 3,
      { what: 'three pods' },
    );
    const deleted = await run(['delete', 'namespace', 'busy', '--timeout=30s']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await run(['get', 'namespace', 'busy']);
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): namespaces "busy" not found');
    for (const resource of ['deployments', 'replicasets', 'pods']) {
      const path = `${resource === 'pods' ? '/api/v1' : '/apis/apps/v1'}/namespaces/busy/${resource}`;
      const items = live.cluster.service.list(
        live.cluster.service.registry.lookup(resource === 'pods' ? '' : 'apps', 'v1', resource)!,
        'v1',
        'busy',
      ).items;
      expect(items, path).toEqual([]);
    }
  });
});
