import type { ResourceRegistry } from '../registry/resource-registry';
import { storageKey, type ResourceType } from '../registry/resource-type';
import type { ObjectStore } from '../store/object-store';
import type { KubeObject } from '../types';
import type { GarbageCollector } from './garbage-collector';
import { kubeTimestamp } from './server-metadata';
import type { WriteContext } from './request-context';
import type { WriteHooks } from './write-hooks';

const isKind = (type: ResourceType, group: string, plural: string) =>
  type.group === group && type.plural === plural;

/**
 * The sandbox's reactions to writes: CRDs become served resources (and their objects go with
 * them), namespaces report their phase, Services get cluster IPs, owners' dependents are collected.
 */
/** A check that may refuse a write (throw an ApiError) before it is stored. */
export type AdmissionCheck = (
  type: ResourceType,
  next: KubeObject,
  current: KubeObject | undefined,
  ctx: WriteContext,
) => void;

export class ClusterHooks implements WriteHooks {
  private readonly admissionChecks: AdmissionCheck[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: ResourceRegistry,
    private readonly gc: GarbageCollector,
  ) {}

  /** Adds an admission check; checks run in the order they were added. */
  addAdmissionCheck(check: AdmissionCheck): void {
    this.admissionChecks.push(check);
  }

  admit(
    type: ResourceType,
    next: KubeObject,
    current: KubeObject | undefined,
    ctx: WriteContext,
  ): void {
    for (const check of this.admissionChecks) check(type, next, current, ctx);
  }

  allocateClusterIp(): string {
    const used = new Set(
      this.store
        .list('/services', '')
        .map((s) => (s.object.spec as { clusterIP?: string } | undefined)?.clusterIP),
    );
    // Deterministic first-free allocation keeps demo addresses stable across runs.
    for (let i = 10; i < 65_000; i += 1) {
      const ip = `10.96.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      if (!used.has(ip)) return ip;
    }
    throw new Error('service IP range 10.96.0.0/16 is exhausted');
  }

  beforeWrite(type: ResourceType, next: KubeObject): void {
    if (isKind(type, '', 'namespaces')) {
      next.status = {
        ...(next.status as object),
        phase: next.metadata.deletionTimestamp ? 'Terminating' : 'Active',
      };
    }
    if (isKind(type, 'apiextensions.k8s.io', 'customresourcedefinitions')) {
      const spec = next.spec as
        { names?: object; versions?: Array<{ name: string; storage?: boolean }> } | undefined;
      const now = kubeTimestamp();
      const condition = (t: string, reason: string, message: string) => ({
        type: t,
        status: 'True',
        lastTransitionTime: now,
        reason,
        message,
      });
      next.status = {
        conditions: [
          condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
          condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
        ],
        acceptedNames: spec?.names ?? {},
        storedVersions: (spec?.versions ?? []).filter((v) => v.storage).map((v) => v.name),
      };
    }
  }

  afterWrite(type: ResourceType, stored: KubeObject, previous: KubeObject | undefined): void {
    this.gc.onWrite(stored, previous, type);
    if (isKind(type, 'apiextensions.k8s.io', 'customresourcedefinitions'))
      this.registry.applyCrd(stored);
  }

  afterRemove(type: ResourceType, removed: KubeObject): void {
    this.gc.onRemove(removed, type);
    if (isKind(type, 'apiextensions.k8s.io', 'customresourcedefinitions')) {
      const served = this.registry.byStorageKey(
        `${(removed.spec as { group: string }).group}/${(removed.spec as { names: { plural: string } }).names.plural}`,
      );
      if (served?.custom) {
        const key = storageKey(served);
        const objects = this.store.list(key, '');
        const gone = this.store.commit(
          objects.map((o) => ({
            type: 'delete' as const,
            storageKey: key,
            namespace: o.namespace,
            name: o.name,
          })),
        );
        for (const g of gone) this.gc.onRemove(g.object, served);
      }
      this.registry.removeCrd(removed);
    }
  }
}
