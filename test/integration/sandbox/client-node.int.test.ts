import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  Watch,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait-for';

let sandbox: SandboxFixture;
const ns = 'client-node';

beforeAll(async () => {
  sandbox = await startSandboxFixture();
  await sandbox.kubeConfig
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name: ns } } });
});
afterAll(async () => sandbox?.dispose());

const core = () => sandbox.kubeConfig.makeApiClient(CoreV1Api);

describe('@kubernetes/client-node against the sandbox', () => {
  it('creates, reads, lists, replaces, patches and deletes', async () => {
    const created = await core().createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'settings', labels: { tier: 'web' } }, data: { color: 'blue' } },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);

    const read = await core().readNamespacedConfigMap({ name: 'settings', namespace: ns });
    expect(read.data).toEqual({ color: 'blue' });

    const listed = await core().listNamespacedConfigMap({
      namespace: ns,
      labelSelector: 'tier in (web,api)',
    });
    expect(listed.items.map((c) => c.metadata?.name)).toEqual(['settings']);
    expect(
      await core().listNamespacedConfigMap({ namespace: ns, labelSelector: 'tier!=web' }),
    ).toMatchObject({ items: [] });

    const replaced = await core().replaceNamespacedConfigMap({
      name: 'settings',
      namespace: ns,
      body: { ...read, data: { color: 'green' } },
    });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
      Number(read.metadata?.resourceVersion),
    );

    const patched = await core().patchNamespacedConfigMap(
      { name: 'settings', namespace: ns, body: { data: { size: 'xl' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.data).toEqual({ color: 'green', size: 'xl' });
    const jsonPatched = await core().patchNamespacedConfigMap({
      name: 'settings',
      namespace: ns,
      body: [{ op: 'remove', path: '/data/size' }],
    });
    expect(jsonPatched.data).toEqual({ color: 'green' });

    await core().deleteNamespacedConfigMap({ name: 'settings', namespace: ns });
    const missing = await core()
      .readNamespacedConfigMap({ name: 'settings', namespace: ns })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiException);
    expect((missing as ApiException<string>).code).toBe(404);
    expect(JSON.parse((missing as ApiException<string>).body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'configmaps "settings" not found',
    });
  });

  it('surfaces a stale update as 409 Conflict', async () => {
    const first = await core().createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'contended' }, data: { n: '1' } },
    });
    await core().replaceNamespacedConfigMap({
      name: 'contended',
      namespace: ns,
      body: { ...first, data: { n: '2' } },
    });
    const stale = (await core()
      .replaceNamespacedConfigMap({
        name: 'contended',
        namespace: ns,
        body: { ...first, data: { n: '3' } },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as ApiException<string>;
    expect(stale).toBeInstanceOf(ApiException);
    expect(stale.code).toBe(409);
    expect(JSON.parse(stale.body)).toMatchObject({
      reason: 'Conflict',
      message: expect.stringContaining(
        'the object has been modified; please apply your changes to the latest version and try again',
      ),
    });
    const now = await core().readNamespacedConfigMap({ name: 'contended', namespace: ns });
    expect(now.data).toEqual({ n: '2' });
  });

  it('streams ADDED, MODIFIED and DELETED through Watch', async () => {
    const events: string[] = [];
    const watch = new Watch(sandbox.kubeConfig);
    const request = await watch.watch(
      `/api/v1/namespaces/${ns}/configmaps`,
      { labelSelector: 'watched=yes' },
      (type, object: V1ConfigMap) =>
        events.push(`${type} ${object.metadata?.name} ${object.data?.v ?? ''}`),
      () => undefined,
    );
    await core().createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'w', labels: { watched: 'yes' } }, data: { v: '1' } },
    });
    await core().patchNamespacedConfigMap(
      { name: 'w', namespace: ns, body: { data: { v: '2' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await core().deleteNamespacedConfigMap({ name: 'w', namespace: ns });
    await waitFor(() => events.length >= 3, { what: 'three watch events' });
    request.abort();
    expect(events).toEqual(['ADDED w 1', 'MODIFIED w 2', 'DELETED w 2']);
  });

  it('keeps an informer in sync across a sandbox restart', async () => {
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    const informer = makeInformer(
      sandbox.kubeConfig,
      path,
      () => core().listNamespacedConfigMap({ namespace: ns, labelSelector: 'informed=yes' }),
      'informed=yes',
    );
    const errors: unknown[] = [];
    informer.on('error', (error) => {
      errors.push(error);
      // As client-node documents: an informer stops on errors and the application restarts it.
      setTimeout(() => void informer.start(), 200);
    });
    await informer.start();
    const names = () =>
      informer
        .list()
        .map((c) => c.metadata?.name)
        .sort()
        .join(',');
    await core().createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'before', labels: { informed: 'yes' } } },
    });
    await waitFor(() => names() === 'before', { what: 'informer to see "before"' });

    await sandbox.restart();
    await core().createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'after', labels: { informed: 'yes' } } },
    });
    await core().deleteNamespacedConfigMap({ name: 'before', namespace: ns });
    await waitFor(() => names() === 'after', {
      timeoutMs: 20_000,
      what: 'informer to follow changes made after the restart',
    });
    await informer.stop();
  });

  it('serves Deployments with the scale subresource and custom resources by every served version', async () => {
    const apps = sandbox.kubeConfig.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'web' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
          },
        },
      },
    });
    const scale = await apps.readNamespacedDeploymentScale({ name: 'web', namespace: ns });
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 1 },
      status: { selector: 'app=web' },
    });

    const custom = sandbox.kubeConfig.makeApiClient(CustomObjectsApi);
    await custom.createNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1beta1',
      namespace: ns,
      plural: 'virtualservices',
      body: {
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'VirtualService',
        metadata: { name: 'web' },
        spec: { hosts: ['web'] },
      },
    });
    const asV1 = await custom.getNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1',
      namespace: ns,
      plural: 'virtualservices',
      name: 'web',
    });
    expect(asV1).toMatchObject({ apiVersion: 'networking.istio.io/v1', spec: { hosts: ['web'] } });
  });
});
