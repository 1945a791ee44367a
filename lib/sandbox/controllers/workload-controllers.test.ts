import { afterEach, describe, expect, it } from 'vitest';
import type {
  ClusterClient,
  DeleteOptions,
  ListOptions,
  WatchOptions,
} from '../apiserver/cluster-client';
import { resources } from '../apiserver/cluster-client';
import { alreadyExists, conflict, notFound } from '../apiserver/errors';
import type { KubeObject, ResourceRef, WatchEvent } from '../apiserver/types';
import { startWorkloadControllers, type WorkloadControllers } from './index';
import { ReadyMarkingRuntime } from './pod-runtime';
import { deployment, template } from './test-fixtures';
import type { Deployment, Endpoints, Pod, ReplicaSet } from './workload-types';

/**
 * An in-memory API server with the semantics the controllers rely on: resourceVersions, 409 on a
 * stale update, status subresource, generation on spec changes, asynchronous watch events in
 * order, and background garbage collection of owned objects.
 */
class MemoryCluster implements ClusterClient {
  private rv = 0;
  private uid = 0;
  private readonly objects = new Map<string, KubeObject>();
  private readonly watchers = new Set<{ resource: string; onEvent: (event: WatchEvent) => void }>();

  private key(ref: ResourceRef, namespace: string | undefined, name: string | undefined) {
    return `${ref.resource}/${namespace ?? ''}/${name ?? ''}`;
  }

  private emit(ref: ResourceRef, type: WatchEvent['type'], object: KubeObject) {
    const copy = structuredClone(object);
    for (const watcher of this.watchers) {
      if (watcher.resource === ref.resource)
        setImmediate(() => watcher.onEvent({ type, object: copy }));
    }
  }

  get(ref: ResourceRef, namespace: string | undefined, name: string) {
    const found = this.objects.get(this.key(ref, namespace, name));
    return found && structuredClone(found);
  }

  list(ref: ResourceRef, options: ListOptions = {}) {
    const items = [...this.objects.entries()]
      .filter(([key]) => key.startsWith(`${ref.resource}/${options.namespace ?? ''}`))
      .map(([, object]) => structuredClone(object));
    return { items, resourceVersion: String(this.rv) };
  }

  create(ref: ResourceRef, object: KubeObject) {
    const key = this.key(ref, object.metadata.namespace, object.metadata.name);
    if (this.objects.has(key))
      throw alreadyExists(ref.group, ref.resource, object.metadata.name ?? '');
    const stored: KubeObject = structuredClone({
      ...object,
      metadata: {
        ...object.metadata,
        uid: `uid-${++this.uid}`,
        resourceVersion: String(++this.rv),
        generation: 1,
        creationTimestamp: new Date().toISOString(),
      },
    });
    this.objects.set(key, stored);
    this.emit(ref, 'ADDED', stored);
    return structuredClone(stored);
  }

  update(ref: ResourceRef, object: KubeObject, options?: { subresource?: 'status' }) {
    const key = this.key(ref, object.metadata.namespace, object.metadata.name);
    const current = this.objects.get(key);
    if (!current) throw notFound(ref.group, ref.resource, object.metadata.name ?? '');
    const rv = object.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion)
      throw conflict(ref.group, ref.resource, object.metadata.name ?? '');
    const specChanged = JSON.stringify(object.spec) !== JSON.stringify(current.spec);
    const stored: KubeObject =
      options?.subresource === 'status'
        ? { ...current, status: object.status, metadata: { ...current.metadata } }
        : {
            ...object,
            status: current.status,
            metadata: {
              ...object.metadata,
              uid: current.metadata.uid,
              creationTimestamp: current.metadata.creationTimestamp,
              generation: (current.metadata.generation ?? 1) + (specChanged ? 1 : 0),
            },
          };
    stored.metadata.resourceVersion = String(++this.rv);
    this.objects.set(key, structuredClone(stored));
    this.emit(ref, 'MODIFIED', stored);
    return structuredClone(stored);
  }

  patch(ref: ResourceRef, namespace: string | undefined, name: string, patch: unknown) {
    const current = this.get(ref, namespace, name);
    if (!current) throw notFound(ref.group, ref.resource, name);
    return this.update(ref, { ...current, ...(patch as object) });
  }

  delete(ref: ResourceRef, namespace: string | undefined, name: string, options?: DeleteOptions) {
    const key = this.key(ref, namespace, name);
    const current = this.objects.get(key);
    if (!current) throw notFound(ref.group, ref.resource, name);
    if (options?.preconditions?.uid && options.preconditions.uid !== current.metadata.uid) {
      throw conflict(ref.group, ref.resource, name, 'precondition failed');
    }
    this.objects.delete(key);
    this.rv++;
    this.emit(ref, 'DELETED', current);
    for (const [childKey, child] of [...this.objects]) {
      if (child.metadata.ownerReferences?.some((o) => o.uid === current.metadata.uid)) {
        const [resource = ''] = childKey.split('/');
        const childRef = Object.values(resources).find((r) => r.resource === resource) ?? ref;
        this.delete(childRef, child.metadata.namespace, child.metadata.name ?? '');
      }
    }
    return structuredClone(current);
  }

  watch(ref: ResourceRef, _options: WatchOptions, onEvent: (event: WatchEvent) => void) {
    const watcher = { resource: ref.resource, onEvent };
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }
}

let running: WorkloadControllers | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function settle(controllers: WorkloadControllers) {
  // Watch events arrive a turn after each write: let them land, then wait for quiet queues.
  for (let i = 0; i < 3; i++) {
    await controllers.idle();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await controllers.idle();
}

describe('startWorkloadControllers', () => {
  it('rolls a Deployment out to Running pods, rolls a new template, scales, and keeps Endpoints current', async () => {
    const cluster = new MemoryCluster();
    const runtime = new ReadyMarkingRuntime();
    const errors: unknown[] = [];
    cluster.create(resources.deployments, deployment({ template: template('nginx:1.26') }));
    cluster.create(resources.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'demo' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    running = startWorkloadControllers(cluster, runtime, {
      resyncMs: 0,
      onError: (e) => errors.push(e),
    });
    await settle(running);

    const pods = () => cluster.list(resources.pods).items as Pod[];
    const replicaSets = () => cluster.list(resources.replicasets).items as ReplicaSet[];
    const web = () => cluster.get(resources.deployments, 'demo', 'web') as Deployment;

    expect(pods().map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);
    expect(new Set(pods().map((p) => p.status?.podIP)).size).toBe(3);
    expect(web().status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(web().status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
      'NewReplicaSetAvailable',
    );
    const endpoints = () =>
      cluster.get(resources.endpoints, 'demo', 'web') as Endpoints | undefined;
    expect(endpoints()?.subsets?.[0]?.addresses).toHaveLength(3);
    expect(endpoints()?.subsets?.[0]?.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
    ]);

    const events = cluster.list(resources.events).items.map((e) => `${e.reason}`);
    expect(events).toEqual(
      expect.arrayContaining(['ScalingReplicaSet', 'SuccessfulCreate', 'Scheduled', 'Started']),
    );

    cluster.update(resources.deployments, {
      ...web(),
      spec: { ...web().spec, template: template('nginx:1.27') },
    });
    await settle(running);
    expect(web().metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(web().status).toMatchObject({
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(
      replicaSets()
        .map((rs) => rs.spec.replicas)
        .sort(),
    ).toEqual([0, 3]);
    expect(pods().every((p) => p.spec.containers?.[0]?.image === 'nginx:1.27')).toBe(true);

    cluster.update(resources.deployments, { ...web(), spec: { ...web().spec, replicas: 1 } });
    await settle(running);
    expect(pods()).toHaveLength(1);
    expect(endpoints()?.subsets?.[0]?.addresses).toHaveLength(1);

    cluster.delete(resources.services, 'demo', 'web');
    await settle(running);
    expect(endpoints()).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
