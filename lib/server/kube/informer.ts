import 'server-only';
import { CustomObjectsApi, Watch, type KubeConfig } from '@kubernetes/client-node';
import { ObjectCache, type CacheableObject, type CacheChange } from './object-cache';

/**
 * A list-then-watch cache of one resource, as client-go's informers keep one: a controller reads
 * from it instead of listing on every reconcile, and hears about every change. The list is paged;
 * the watch resumes from the last resourceVersion seen (bookmarks included) and lists again when
 * the server says that version is gone (410) or the watch fails.
 */

export interface InformerOptions<T extends CacheableObject> {
  kubeConfig: KubeConfig;
  /** An API group (not the core group): Deployments are `apps`, Istio's kinds `networking.istio.io`. */
  group: string;
  version: string;
  plural: string;
  /** One namespace only; all by default. */
  namespace?: string;
  labelSelector?: string;
  /** Keeps only what is read (client-go's SetTransform): thousands of objects stay small. */
  transform?: (object: T) => T;
  /**
   * Every change, including those a relist found, with the object as it was before (for a
   * modification); not for writes noted by this process.
   */
  onChange?: (type: CacheChange, object: T, previous?: T) => void;
  onError?: (error: unknown) => void;
  pageSize?: number;
  /** Wait before listing again after a failure. */
  retryMs?: number;
}

export interface Informer<T extends CacheableObject> {
  readonly cache: ObjectCache<T>;
  /** Resolves after the first complete list. */
  readonly synced: Promise<void>;
  /** Records what a write returned, before its watch event arrives. */
  noteWritten(object: T): void;
  noteDeleted(object: CacheableObject): void;
  stop(): void;
}

interface ListPage<T> {
  items: T[];
  metadata?: { resourceVersion?: string; continue?: string };
}

export function startInformer<T extends CacheableObject>(options: InformerOptions<T>): Informer<T> {
  const api = options.kubeConfig.makeApiClient(CustomObjectsApi);
  const cache = new ObjectCache<T>();
  const keep = options.transform ?? ((object: T) => object);
  // Frozen: readers share the cached objects without copying them, and a reader that tried to
  // change one would fail at once instead of corrupting the cache.
  const transform = (object: T) => deepFreeze(keep(object));
  const retryMs = options.retryMs ?? 1_000;
  let stopped = false;
  let abort: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastVersion: string | undefined;
  /** Counts watches started: callbacks of one that was replaced are ignored. */
  let generation = 0;
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => (markSynced = resolve));

  const path = options.namespace
    ? `/apis/${options.group}/${options.version}/namespaces/${options.namespace}/${options.plural}`
    : `/apis/${options.group}/${options.version}/${options.plural}`;

  const listPage = (token?: string) => {
    const where = { group: options.group, version: options.version, plural: options.plural };
    const query = {
      labelSelector: options.labelSelector,
      limit: options.pageSize ?? 500,
      _continue: token,
    };
    return (
      options.namespace
        ? api.listNamespacedCustomObject({ ...where, namespace: options.namespace, ...query })
        : api.listClusterCustomObject({ ...where, ...query })
    ) as Promise<ListPage<T>>;
  };

  const later = (run: () => void, ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };

  const relist = async (): Promise<void> => {
    if (stopped) return;
    generation += 1;
    abort?.abort();
    abort = undefined;
    try {
      const items: T[] = [];
      let page = await listPage();
      items.push(...page.items);
      while (page.metadata?.continue) {
        page = await listPage(page.metadata.continue);
        items.push(...page.items);
      }
      if (stopped) return;
      lastVersion = page.metadata?.resourceVersion;
      for (const change of cache.replace(items.map(transform)))
        options.onChange?.(change.type, change.object, change.previous);
      markSynced();
      void watch();
    } catch (error) {
      options.onError?.(error);
      later(() => void relist(), retryMs);
    }
  };

  const onEvent = (type: string, object: T & { code?: number }) => {
    if (type === 'ERROR') {
      // 410 Gone: the version to resume from is compacted; anything else, start over too.
      generation += 1;
      abort?.abort();
      later(() => void relist(), object.code === 410 ? 0 : retryMs);
      return;
    }
    const version = object.metadata?.resourceVersion;
    if (version) lastVersion = version;
    if (type === 'BOOKMARK') return;
    const item = transform(object);
    if (type === 'DELETED') {
      if (cache.remove(item)) options.onChange?.('DELETED', item);
      return;
    }
    const change = cache.upsert(item);
    if (change) options.onChange?.(change.type, item, change.previous);
  };

  const watch = async (): Promise<void> => {
    if (stopped) return;
    const mine = ++generation;
    const current = () => !stopped && mine === generation;
    try {
      const started = await new Watch(options.kubeConfig).watch(
        path,
        {
          resourceVersion: lastVersion,
          allowWatchBookmarks: true,
          labelSelector: options.labelSelector,
        },
        (type, object) => {
          if (current()) onEvent(type, object as T & { code?: number });
        },
        (error) => {
          if (!current()) return;
          // A watch ends at the server's timeout: resume where it left off; after an error, list.
          if (error) later(() => void relist(), retryMs);
          else later(() => void watch(), 0);
        },
      );
      if (current()) abort = started;
      else started.abort();
    } catch (error) {
      if (!current()) return;
      options.onError?.(error);
      later(() => void relist(), retryMs);
    }
  };

  void relist();
  return {
    cache,
    synced,
    noteWritten: (object) => void cache.upsert(transform(structuredClone(object))),
    noteDeleted: (object) => void cache.remove(object),
    stop() {
      stopped = true;
      clearTimeout(timer);
      abort?.abort();
      markSynced();
    },
  };
}

/** Freezes an object and everything in it (objects from JSON: no cycles). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
