import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualService } from '@/lib/domain/istio/types';
import { startSandboxFixture, type SandboxFixture } from '@/test/support/sandbox-fixture';
import { waitFor } from '@/test/support/wait-for';
import { startInformer, type Informer } from './informer';

let sandbox: SandboxFixture;
const vsApi = () => sandbox.kubeConfig.makeApiClient(CustomObjectsApi);
const where = (namespace: string) => ({
  group: 'networking.istio.io',
  version: 'v1',
  plural: 'virtualservices',
  namespace,
});
const createVs = (namespace: string, name: string, labels: Record<string, string> = {}) =>
  vsApi().createNamespacedCustomObject({
    ...where(namespace),
    body: {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, labels },
      spec: { hosts: [name] },
    },
  }) as Promise<VirtualService>;

beforeAll(async () => {
  sandbox = await startSandboxFixture();
  for (const name of ['inf-a', 'inf-b'])
    await sandbox.kubeConfig
      .makeApiClient(CoreV1Api)
      .createNamespace({ body: { metadata: { name } } });
});
afterAll(async () => sandbox?.dispose());

describe('startInformer', () => {
  let informer: Informer<VirtualService> | undefined;
  const events: string[] = [];
  const names = (namespace?: string) =>
    informer!.cache
      .list(namespace)
      .map((vs) => `${vs.metadata.namespace}/${vs.metadata.name}`)
      .sort()
      .join(',');
  afterAll(() => informer?.stop());

  it('lists in pages, then follows every change; a noted write makes no event', async () => {
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) await createVs('inf-a', name);
    await createVs('inf-b', 'b1');
    informer = startInformer<VirtualService>({
      kubeConfig: sandbox.kubeConfig,
      group: 'networking.istio.io',
      version: 'v1',
      plural: 'virtualservices',
      pageSize: 2,
      onChange: (type, vs) => events.push(`${type} ${vs.metadata.namespace}/${vs.metadata.name}`),
    });
    await informer.synced;
    expect(names('inf-a')).toBe('inf-a/a1,inf-a/a2,inf-a/a3,inf-a/a4,inf-a/a5');
    expect(names('inf-b')).toBe('inf-b/b1');
    expect(events.filter((e) => e.startsWith('ADDED inf-')).length).toBe(6);
    events.length = 0;

    await createVs('inf-b', 'b2');
    const a1 = (await vsApi().getNamespacedCustomObject({
      ...where('inf-a'),
      name: 'a1',
    })) as VirtualService;
    await vsApi().replaceNamespacedCustomObject({
      ...where('inf-a'),
      name: 'a1',
      body: { ...a1, spec: { hosts: ['a1', 'a1.example.com'] } },
    });
    await vsApi().deleteNamespacedCustomObject({ ...where('inf-a'), name: 'a2' });
    await waitFor(() => events.length >= 3, { what: 'three watch events' });
    expect(events).toEqual(['ADDED inf-b/b2', 'MODIFIED inf-a/a1', 'DELETED inf-a/a2']);
    expect(informer.cache.get('inf-a', 'a1')?.spec.hosts).toEqual(['a1', 'a1.example.com']);
    events.length = 0;

    // The controller's own write: its answer goes into the cache, so its event changes nothing.
    const a3 = informer.cache.get('inf-a', 'a3')!;
    const written = (await vsApi().replaceNamespacedCustomObject({
      ...where('inf-a'),
      name: 'a3',
      body: { ...a3, spec: { hosts: ['a3', 'a3.example.com'] } },
    })) as VirtualService;
    informer.noteWritten(written);
    await createVs('inf-b', 'marker');
    await waitFor(() => events.includes('ADDED inf-b/marker'), { what: 'the marker event' });
    expect(events).toEqual(['ADDED inf-b/marker']);
    expect(informer.cache.get('inf-a', 'a3')?.metadata.resourceVersion).toBe(
      written.metadata.resourceVersion,
    );
  });

  it('keeps following after the API server restarts (the watch resumes or lists again)', async () => {
    events.length = 0;
    await sandbox.restart();
    await createVs('inf-b', 'after');
    await vsApi().deleteNamespacedCustomObject({ ...where('inf-b'), name: 'b1' });
    await waitFor(() => names('inf-b') === 'inf-b/after,inf-b/b2,inf-b/marker', {
      timeoutMs: 20_000,
      what: 'the cache to follow changes made after the restart',
    });
    expect(events).toContain('ADDED inf-b/after');
    expect(events).toContain('DELETED inf-b/b1');
  });

  it('keeps only what the label selector and the transform let through, and stops', async () => {
    const seen: string[] = [];
    const labelled = startInformer<VirtualService>({
      kubeConfig: sandbox.kubeConfig,
      group: 'networking.istio.io',
      version: 'v1',
      plural: 'virtualservices',
      namespace: 'inf-a',
      labelSelector: 'tier=front',
      transform: (vs) => ({ ...vs, spec: {} }) as VirtualService,
      onChange: (type, vs) => seen.push(`${type} ${vs.metadata.name}`),
    });
    await labelled.synced;
    await createVs('inf-a', 'front', { tier: 'front' });
    await createVs('inf-a', 'back', { tier: 'back' });
    await createVs('inf-a', 'front2', { tier: 'front' });
    await waitFor(() => seen.length >= 2, { what: 'two labelled objects' });
    expect(seen).toEqual(['ADDED front', 'ADDED front2']);
    expect(labelled.cache.get('inf-a', 'front')?.spec).toEqual({});
    labelled.stop();
    await createVs('inf-a', 'front3', { tier: 'front' });
    await waitFor(() => names('inf-a').includes('front3'), {
      what: 'the other informer to see it',
    });
    expect(seen).toEqual(['ADDED front', 'ADDED front2']);
  });
});
