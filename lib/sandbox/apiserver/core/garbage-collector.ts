import { ApiError } from '../errors';
import type { ResourceRegistry } from '../registry/resource-registry';
import { storageKey, type ResourceType } from '../registry/resource-type';
import type { ObjectStore } from '../store/object-store';
import { cloneObject, type StoredObject } from '../store/stored-object';
import type { KubeObject } from '../types';
import { deleteResource, type DependentsIndex } from './deletion';
import { kubeTimestamp } from './server-metadata';
import type { ResourceService } from './resource-service';

interface ObjectRef {
  storageKey: string;
  namespace: string;
  name: string;
}

const refKey = (r: ObjectRef) => `${r.storageKey}|${r.namespace}|${r.name}`;

/**
 * Kubernetes' garbage collector and namespace controller, driven by the API server's own writes:
 * an index of owners (by uid) to dependents, kept current on every write, so collecting the
 * dependents of a removed owner costs only its own dependents, not a scan of the store.
 */
export class GarbageCollector implements DependentsIndex {
  private readonly dependentsByOwner = new Map<string, Map<string, ObjectRef>>();
  private readonly uids = new Map<string, ObjectRef>();
  private service!: ResourceService;
  private readonly pending = new Set<Promise<void>>();
  /** Terminating namespaces with a pass of the namespace controller queued. */
  private readonly namespacesToCheck = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: ResourceRegistry,
  ) {
    for (const stored of store.all()) this.index(stored.object, stored);
  }

  attach(service: ResourceService): void {
    this.service = service;
    // Namespaces that were terminating when the sandbox stopped carry on.
    for (const ns of this.store.list('/namespaces', ''))
      if (ns.object.metadata.deletionTimestamp) this.namespaceTerminating(ns.name);
  }

  hasDependents(uid: string): boolean {
    return (this.dependentsByOwner.get(uid)?.size ?? 0) > 0;
  }

  exists(uid: string): boolean {
    return this.uids.has(uid);
  }

  /** Resolves once every collection scheduled so far has run (tests and shutdown wait on it). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  onWrite(stored: KubeObject, previous: KubeObject | undefined, type: ResourceType): void {
    if (previous) this.unindex(previous, this.refOf(type, previous));
    this.index(stored, this.refOf(type, stored));
    // An owner waiting on its dependents may be done now that one of them changed owners.
    for (const owner of previous?.metadata.ownerReferences ?? [])
      this.schedule(() => this.finishForeground(owner.uid));
  }

  onRemove(removed: KubeObject, type: ResourceType): void {
    const ref = this.refOf(type, removed);
    this.unindex(removed, ref);
    const uid = removed.metadata.uid;
    if (uid) this.schedule(() => this.collectOrphans(uid));
    for (const owner of removed.metadata.ownerReferences ?? [])
      this.schedule(() => this.finishForeground(owner.uid));
    const namespace = type.namespaced ? removed.metadata.namespace : undefined;
    if (
      namespace &&
      this.store.get('/namespaces', '', namespace)?.object.metadata.deletionTimestamp
    )
      this.namespaceTerminating(namespace);
  }

  ownerTerminating(type: ResourceType, owner: KubeObject): void {
    const uid = owner.metadata.uid!;
    const finalizers = owner.metadata.finalizers ?? [];
    if (finalizers.includes('orphan')) this.schedule(() => this.orphanDependents(type, owner));
    if (finalizers.includes('foregroundDeletion')) this.schedule(() => this.deleteDependents(uid));
  }

  namespaceTerminating(name: string): void {
    if (this.namespacesToCheck.has(name)) return;
    this.namespacesToCheck.add(name);
    this.schedule(() => {
      this.namespacesToCheck.delete(name);
      this.terminateNamespace(name);
    });
  }

  private refOf(type: ResourceType, object: KubeObject): ObjectRef {
    return {
      storageKey: storageKey(type),
      namespace: type.namespaced ? (object.metadata.namespace ?? '') : '',
      name: object.metadata.name!,
    };
  }

  private index(object: KubeObject, ref: ObjectRef | StoredObject): void {
    const r = { storageKey: ref.storageKey, namespace: ref.namespace, name: ref.name };
    if (object.metadata.uid) this.uids.set(object.metadata.uid, r);
    for (const owner of object.metadata.ownerReferences ?? []) {
      let deps = this.dependentsByOwner.get(owner.uid);
      if (!deps) this.dependentsByOwner.set(owner.uid, (deps = new Map()));
      deps.set(refKey(r), r);
    }
  }

  private unindex(object: KubeObject, ref: ObjectRef): void {
    if (object.metadata.uid) this.uids.delete(object.metadata.uid);
    for (const owner of object.metadata.ownerReferences ?? []) {
      const deps = this.dependentsByOwner.get(owner.uid);
      deps?.delete(refKey(ref));
      if (deps?.size === 0) this.dependentsByOwner.delete(owner.uid);
    }
  }

  private schedule(work: () => void): void {
    const run = new Promise<void>((resolve) =>
      setImmediate(() => {
        try {
          work();
        } catch (error) {
          // A dependent that changed or vanished meanwhile is not an error for the collector.
          if (!(
            error instanceof Error &&
            'code' in error &&
            [404, 409].includes((error as { code: number }).code)
          )) {
            console.error('[sandbox] garbage collector:', error);
          }
        } finally {
          resolve();
        }
      }),
    );
    this.pending.add(run);
    void run.then(() => this.pending.delete(run));
  }

  private dependentsOf(uid: string): Array<{ type: ResourceType; stored: StoredObject }> {
    const out: Array<{ type: ResourceType; stored: StoredObject }> = [];
    for (const ref of this.dependentsByOwner.get(uid)?.values() ?? []) {
      const type = this.registry.byStorageKey(ref.storageKey);
      const stored = this.store.get(ref.storageKey, ref.namespace, ref.name);
      if (type && stored) out.push({ type, stored });
    }
    return out;
  }

  /** Background propagation: dependents whose owners are all gone are deleted. */
  private collectOrphans(ownerUid: string): void {
    for (const { type, stored } of this.dependentsOf(ownerUid)) {
      const owners = stored.object.metadata.ownerReferences ?? [];
      if (owners.every((o) => !this.uids.has(o.uid))) {
        deleteResource(
          this.service,
          this,
          type,
          type.versions[0]!.name,
          stored.namespace,
          stored.name,
          { propagationPolicy: 'Background' },
        );
      }
    }
  }

  private deleteDependents(ownerUid: string): void {
    const deps = this.dependentsOf(ownerUid);
    for (const { type, stored } of deps) {
      if (stored.object.metadata.deletionTimestamp) continue;
      deleteResource(
        this.service,
        this,
        type,
        type.versions[0]!.name,
        stored.namespace,
        stored.name,
        { propagationPolicy: 'Foreground' },
      );
    }
    this.finishForeground(ownerUid);
  }

  /** Removes the foregroundDeletion finalizer of an owner once it has no dependents left. */
  private finishForeground(ownerUid: string): void {
    const ref = this.uids.get(ownerUid);
    if (!ref || this.hasDependents(ownerUid)) return;
    this.removeFinalizer(ref, 'foregroundDeletion');
  }

  private orphanDependents(ownerType: ResourceType, owner: KubeObject): void {
    const uid = owner.metadata.uid!;
    for (const { type, stored } of this.dependentsOf(uid)) {
      const next = cloneObject(stored.object);
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter(
        (o) => o.uid !== uid,
      );
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      this.service.persistInternal(type, next, stored.object);
    }
    this.removeFinalizer(this.refOf(ownerType, owner), 'orphan');
  }

  private removeFinalizer(ref: ObjectRef, finalizer: string): void {
    const type = this.registry.byStorageKey(ref.storageKey);
    const stored = this.store.get(ref.storageKey, ref.namespace, ref.name);
    if (!type || !stored || !(stored.object.metadata.finalizers ?? []).includes(finalizer)) return;
    const next = cloneObject(stored.object);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.service.persistInternal(type, next, stored.object);
  }

  /**
   * The namespace controller: everything in a terminating namespace is deleted as a DELETE would
   * delete it (finalizers hold an object, which then stays with a deletionTimestamp), and the
   * namespace gives up its "kubernetes" finalizer, and goes, only once nothing is left in it. Until
   * then its status says what remains, in the namespace controller's words. Each removal in a
   * terminating namespace runs this again.
   */
  private terminateNamespace(name: string): void {
    const namespace = this.store.get('/namespaces', '', name);
    if (!namespace?.object.metadata.deletionTimestamp) return;
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    for (const type of this.registry.all()) {
      if (!type.namespaced) continue;
      const key = storageKey(type);
      for (const stored of this.store.list(key, name)) {
        if (!stored.object.metadata.deletionTimestamp) {
          try {
            deleteResource(this.service, this, type, type.versions[0]!.name, name, stored.name, {
              propagationPolicy: 'Background',
            });
          } catch (error) {
            // Gone meanwhile (its owner's collection) or changed: the next pass sees it.
            if (!(error instanceof ApiError && (error.code === 404 || error.code === 409)))
              throw error;
          }
        }
      }
      for (const stored of this.store.list(key, name)) {
        const resource = `${type.plural}.${type.group}`;
        remaining.set(resource, (remaining.get(resource) ?? 0) + 1);
        for (const finalizer of stored.object.metadata.finalizers ?? [])
          finalizers.set(finalizer, (finalizers.get(finalizer) ?? 0) + 1);
      }
    }
    const nsType = this.registry.byStorageKey('/namespaces')!;
    const next = cloneObject(namespace.object);
    if (remaining.size === 0) {
      next.spec = { ...(next.spec as object), finalizers: [] };
    } else {
      const status = (next.status ?? {}) as { conditions?: unknown[] };
      const conditions = namespaceConditions(remaining, finalizers, status.conditions);
      if (JSON.stringify(conditions) === JSON.stringify(status.conditions)) return;
      next.status = { ...status, conditions };
    }
    this.service.persistInternal(nsType, next, namespace.object);
  }
}

interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

const countsText = (counts: Map<string, number>) =>
  [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([what, n]) => `${what} in ${n} resource instances`);

/**
 * The conditions kube-apiserver's namespace controller writes on a namespace whose contents are
 * still going. A condition keeps its lastTransitionTime while its status stays the same.
 */
function namespaceConditions(
  remaining: Map<string, number>,
  finalizers: Map<string, number>,
  previous: unknown[] | undefined,
): NamespaceCondition[] {
  const now = kubeTimestamp();
  const before = new Map(
    ((previous ?? []) as NamespaceCondition[]).map((c) => [c.type, c] as const),
  );
  const condition = (
    type: string,
    status: 'True' | 'False',
    reason: string,
    message: string,
  ): NamespaceCondition => {
    const old = before.get(type);
    const lastTransitionTime = old?.status === status ? old.lastTransitionTime : now;
    return { type, status, lastTransitionTime, reason, message };
  };
  const resources = [...remaining]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([resource, n]) => `${resource} has ${n} resource instances`);
  return [
    condition(
      'NamespaceDeletionDiscoveryFailure',
      'False',
      'ResourcesDiscovered',
      'All resources successfully discovered',
    ),
    condition(
      'NamespaceDeletionGroupVersionParsingFailure',
      'False',
      'ParsedGroupVersions',
      'All legacy kube types successfully parsed',
    ),
    condition(
      'NamespaceDeletionContentFailure',
      'False',
      'ContentDeleted',
      'All content successfully deleted, may be waiting on finalization',
    ),
    condition(
      'NamespaceContentRemaining',
      'True',
      'SomeResourcesRemain',
      `Some resources are remaining: ${resources.join(', ')}`,
    ),
    finalizers.size > 0
      ? condition(
          'NamespaceFinalizersRemaining',
          'True',
          'SomeFinalizersRemain',
          `Some content in the namespace has finalizers remaining: ${countsText(finalizers).join(', ')}`,
        )
      : condition(
          'NamespaceFinalizersRemaining',
          'False',
          'ContentHasNoFinalizers',
          'All content-preserving finalizers finished',
        ),
  ];
}
