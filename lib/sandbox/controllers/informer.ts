/**
 * A shared informer over one resource: lists it, then watches from the list's resourceVersion,
 * keeping a cache indexed by namespace, and tells its listeners what changed. Controllers write
 * through it (`noteWritten`, `noteDeleted`) so their next reconcile sees their own writes before
 * the watch echoes them; watch events older than what the cache holds are then ignored.
 */
import type { ClusterClient } from '../apiserver/cluster-client';
import type { KubeObject, ResourceRef, WatchEvent } from '../apiserver/types';
import { objectKey } from './object-meta';

/** `previous` undefined: added; `current` undefined: deleted. */
export type ChangeListener = (
  previous: KubeObject | undefined,
  current: KubeObject | undefined,
) => void;

/** Remembered deletions, so a late watch event cannot bring a deleted object back. */
const maxTombstones = 10_000;

/**
 * Orders two resourceVersions when both are numbers (the sandbox's are a global counter);
 * otherwise they are opaque and the later-arriving one wins.
 */
function isOlder(candidate: string | undefined, than: string | undefined): boolean {
  if (!candidate || !than || !/^\d+$/.test(candidate) || !/^\d+$/.test(than)) return false;
  return BigInt(candidate) < BigInt(than);
}

export class Informer {
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  private readonly tombstones = new Map<string, string | undefined>();
  private readonly listeners: ChangeListener[] = [];
  private stopWatch: (() => void) | undefined;
  private running = false;

  constructor(
    private readonly client: ClusterClient,
    readonly ref: ResourceRef,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Lists and starts watching. Listeners hear only about changes after the list. */
  start(): void {
    this.running = true;
    this.relist(false);
  }

  stop(): void {
    this.running = false;
    this.stopWatch?.();
    this.stopWatch = undefined;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace ?? '')?.get(name);
  }

  /** Objects of one namespace, or of all when `namespace` is undefined. */
  list(namespace?: string): KubeObject[] {
    if (namespace !== undefined) return [...(this.byNamespace.get(namespace)?.values() ?? [])];
    return [...this.byNamespace.values()].flatMap((objects) => [...objects.values()]);
  }

  /** Records what a write returned, as if its watch event had arrived. */
  noteWritten(object: KubeObject): void {
    this.upsert(object);
  }

  /** Records a deletion the controller just made. */
  noteDeleted(object: KubeObject): void {
    const key = objectKey(object);
    this.tombstones.set(key, object.metadata.resourceVersion);
    while (this.tombstones.size > maxTombstones) {
      const oldest = this.tombstones.keys().next().value;
      if (oldest === undefined) break;
      this.tombstones.delete(oldest);
    }
    this.remove(object);
  }

  private relist(notify: boolean): void {
    this.stopWatch?.();
    const { items, resourceVersion } = this.client.list(this.ref);
    const fresh = new Set(items.map(objectKey));
    if (notify) {
      for (const object of this.list()) if (!fresh.has(objectKey(object))) this.remove(object);
    } else {
      this.byNamespace.clear();
    }
    for (const item of items) {
      if (notify) this.upsert(item);
      else this.store(item);
    }
    this.stopWatch = this.client.watch(this.ref, { resourceVersion }, (event) =>
      this.handle(event),
    );
  }

  private handle(event: WatchEvent): void {
    if (!this.running) return;
    try {
      switch (event.type) {
        case 'ADDED':
        case 'MODIFIED':
          this.upsert(event.object);
          break;
        case 'DELETED':
          this.tombstones.delete(objectKey(event.object));
          this.remove(event.object);
          break;
        case 'ERROR':
          // 410 Gone (or any watch failure): start over from a fresh list, as a reflector does.
          this.relist(true);
          break;
        default:
          break;
      }
    } catch (error) {
      this.onError(error);
    }
  }

  private store(object: KubeObject): KubeObject | undefined {
    const namespace = object.metadata.namespace ?? '';
    let objects = this.byNamespace.get(namespace);
    if (!objects) {
      objects = new Map();
      this.byNamespace.set(namespace, objects);
    }
    const previous = objects.get(object.metadata.name ?? '');
    objects.set(object.metadata.name ?? '', object);
    return previous;
  }

  private upsert(object: KubeObject): void {
    const key = objectKey(object);
    const rv = object.metadata.resourceVersion;
    if (this.tombstones.has(key)) {
      const deletedAt = this.tombstones.get(key);
      if (!isOlder(deletedAt, rv)) return;
      this.tombstones.delete(key);
    }
    const cached = this.get(object.metadata.namespace, object.metadata.name ?? '');
    if (
      cached &&
      (cached.metadata.resourceVersion === rv || isOlder(rv, cached.metadata.resourceVersion))
    )
      return;
    const previous = this.store(object);
    this.notify(previous, object);
  }

  private remove(object: KubeObject): void {
    const namespace = object.metadata.namespace ?? '';
    const objects = this.byNamespace.get(namespace);
    const previous = objects?.get(object.metadata.name ?? '');
    if (!previous) return;
    objects?.delete(object.metadata.name ?? '');
    if (objects?.size === 0) this.byNamespace.delete(namespace);
    this.notify(previous, undefined);
  }

  private notify(previous: KubeObject | undefined, current: KubeObject | undefined): void {
    for (const listener of this.listeners) {
      try {
        listener(previous, current);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
