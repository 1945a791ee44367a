/**
 * Objects by namespace and name, as an informer keeps them. A newer resourceVersion always wins:
 * what a write returned may reach the cache before the watch event of an older change does, and
 * that older event must not take the cache back in time.
 */

export interface CacheableObject {
  metadata?: { namespace?: string; name?: string; resourceVersion?: string };
}

export type CacheChange = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * Whether resourceVersion `a` is older than `b`. Kubernetes calls them opaque; every server in
 * use (etcd's revisions, the sandbox's counter) hands out increasing integers, as client-go's
 * mutation cache also assumes. Anything else is never called older.
 */
export function olderVersion(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return false;
  return a.length === b.length ? a < b : a.length < b.length;
}

export class ObjectCache<T extends CacheableObject> {
  private readonly byNamespace = new Map<string, Map<string, T>>();

  get(namespace: string | undefined, name: string): T | undefined {
    return this.byNamespace.get(namespace ?? '')?.get(name);
  }

  /** The objects of one namespace, or of all when `namespace` is undefined. */
  list(namespace?: string): T[] {
    if (namespace !== undefined) return [...(this.byNamespace.get(namespace)?.values() ?? [])];
    return [...this.byNamespace.values()].flatMap((objects) => [...objects.values()]);
  }

  get size(): number {
    let n = 0;
    for (const objects of this.byNamespace.values()) n += objects.size;
    return n;
  }

  /** Stores `object` unless the cache holds a newer version; says what changed, if anything. */
  upsert(object: T): { type: CacheChange; previous?: T } | undefined {
    const { namespace = '', name } = object.metadata ?? {};
    if (!name) return undefined;
    let objects = this.byNamespace.get(namespace);
    if (!objects) this.byNamespace.set(namespace, (objects = new Map()));
    const current = objects.get(name);
    if (
      current &&
      olderVersion(object.metadata?.resourceVersion, current.metadata?.resourceVersion)
    )
      return undefined;
    if (current && current.metadata?.resourceVersion === object.metadata?.resourceVersion)
      return undefined;
    objects.set(name, object);
    return current ? { type: 'MODIFIED', previous: current } : { type: 'ADDED' };
  }

  /** Removes the object; true when it was there. */
  remove(object: CacheableObject): boolean {
    const { namespace = '', name } = object.metadata ?? {};
    const objects = this.byNamespace.get(namespace);
    if (!name || !objects?.delete(name)) return false;
    if (objects.size === 0) this.byNamespace.delete(namespace);
    return true;
  }

  /**
   * Replaces the whole content by a fresh list; returns the changes against what was there, for
   * listeners that missed them while the watch was down.
   */
  replace(items: readonly T[]): { type: CacheChange; object: T; previous?: T }[] {
    const changes: { type: CacheChange; object: T; previous?: T }[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const { namespace = '', name = '' } = item.metadata ?? {};
      seen.add(`${namespace}/${name}`);
      const current = this.get(namespace, name);
      if (current?.metadata?.resourceVersion === item.metadata?.resourceVersion) continue;
      // A list is authoritative: it replaces even what looks newer (a write noted, then deleted).
      this.remove(item);
      this.upsert(item);
      changes.push(
        current
          ? { type: 'MODIFIED', object: item, previous: current }
          : { type: 'ADDED', object: item },
      );
    }
    for (const object of this.list()) {
      const { namespace = '', name = '' } = object.metadata ?? {};
      if (seen.has(`${namespace}/${name}`)) continue;
      this.remove(object);
      changes.push({ type: 'DELETED', object });
    }
    return changes;
  }
}
