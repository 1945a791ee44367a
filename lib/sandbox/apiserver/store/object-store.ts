import Database from 'better-sqlite3';
import type { KubeObject } from '../types';
import { type StoreChange, type StoreEvent, type StoredObject } from './stored-object';
import { rememberJson } from './json-cache';
import { encodeCustomResource } from './map-encoding';
import { WatchHub } from './watch-hub';

/**
 * The sandbox's etcd: every object in SQLite (WAL), all of them also in memory for fast lists.
 *
 * A write is acknowledged only after its transaction commits, so it survives `kill -9` (the WAL is
 * in the OS page cache once the commit returns; `synchronous=NORMAL` gives up durability only on
 * power loss, which a sandbox does not need). The resourceVersion is one global counter kept in
 * the same transaction, so it keeps increasing across restarts.
 */
export class ObjectStore {
  private readonly db: Database.Database;
  /** storage key -> namespace ("" for cluster-scoped) -> name: a namespace's list never scans the others. */
  private readonly memory = new Map<string, Map<string, Map<string, StoredObject>>>();
  private rv: number;
  readonly watches: WatchHub;
  private readonly checkpointTimer: NodeJS.Timeout;
  private readonly statements: {
    put: Database.Statement;
    remove: Database.Statement;
    setRv: Database.Statement;
  };

  /**
   * @param options.encodesAsMap storage keys whose objects kube-apiserver holds as maps (custom
   * resources): stored, answered and sent in watch events as it encodes them (encodeCustomResource).
   */
  constructor(
    path: string,
    private readonly options: { encodesAsMap?: (storageKey: string) => boolean } = {},
  ) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, adding
    // milliseconds to that one write (and to its watch event). A larger threshold plus a
    // checkpoint on a timer moves that work off the write path.
    this.db.pragma('wal_autocheckpoint = 16384');
    this.checkpointTimer = setInterval(() => this.db.pragma('wal_checkpoint(PASSIVE)'), 2_000);
    this.checkpointTimer.unref();
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS objects (
        storage_key TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
        rv INTEGER NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (storage_key, namespace, name)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    this.statements = {
      put: this.db.prepare(
        'INSERT INTO objects (storage_key, namespace, name, rv, json) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (storage_key, namespace, name) DO UPDATE SET rv = excluded.rv, json = excluded.json',
      ),
      remove: this.db.prepare(
        'DELETE FROM objects WHERE storage_key = ? AND namespace = ? AND name = ?',
      ),
      setRv: this.db.prepare(
        "INSERT INTO meta (key, value) VALUES ('rv', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
    };
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'rv'").get() as
      { value: string } | undefined;
    this.rv = row ? Number(row.value) : 0;
    for (const r of this.db
      .prepare('SELECT storage_key, namespace, name, rv, json FROM objects')
      .iterate() as Iterable<{
      storage_key: string;
      namespace: string;
      name: string;
      rv: number;
      json: string;
    }>) {
      this.namespaceBucket(r.storage_key, r.namespace).set(r.name, {
        storageKey: r.storage_key,
        namespace: r.namespace,
        name: r.name,
        rv: r.rv,
        object: JSON.parse(r.json) as KubeObject,
      });
    }
    this.watches = new WatchHub(this.rv);
  }

  currentRv(): number {
    return this.rv;
  }

  get(storageKey: string, namespace: string, name: string): StoredObject | undefined {
    return this.memory.get(storageKey)?.get(namespace)?.get(name);
  }

  /** Every object of a resource, in one namespace or ("") all, ordered by namespace then name. */
  list(storageKey: string, namespace: string): StoredObject[] {
    const namespaces = this.memory.get(storageKey);
    if (!namespaces) return [];
    const byName = (a: StoredObject, b: StoredObject) => (a.name < b.name ? -1 : 1);
    if (namespace !== '') return [...(namespaces.get(namespace)?.values() ?? [])].sort(byName);
    return [...namespaces.keys()]
      .sort()
      .flatMap((ns) => [...namespaces.get(ns)!.values()].sort(byName));
  }

  /** Every stored object, for indexes built at start. */
  *all(): Iterable<StoredObject> {
    for (const namespaces of this.memory.values())
      for (const bucket of namespaces.values()) yield* bucket.values();
  }

  /** Total stored objects, for metrics and benchmarks. */
  size(): number {
    let n = 0;
    for (const namespaces of this.memory.values())
      for (const bucket of namespaces.values()) n += bucket.size;
    return n;
  }

  /**
   * Applies the changes in one transaction, each with the next resourceVersion written into its
   * metadata, then publishes the watch events. Returns what was stored (the deleted object, with
   * its deletion resourceVersion, for deletes).
   */
  commit(changes: StoreChange[]): StoredObject[] {
    const results: StoredObject[] = [];
    const events: StoreEvent[] = [];
    const run = this.db.transaction(() => {
      let rv = this.rv;
      for (const change of changes) {
        rv += 1;
        if (change.type === 'put') {
          const namespace = change.object.metadata.namespace ?? '';
          const name = change.object.metadata.name!;
          let object: KubeObject = {
            ...change.object,
            metadata: { ...change.object.metadata, resourceVersion: String(rv) },
          };
          if (this.options.encodesAsMap?.(change.storageKey)) object = encodeCustomResource(object);
          const json = JSON.stringify(object);
          this.statements.put.run(change.storageKey, namespace, name, rv, json);
          rememberJson(object, json);
          const existed = this.get(change.storageKey, namespace, name) !== undefined;
          results.push({ storageKey: change.storageKey, namespace, name, rv, object });
          events.push({
            type: existed ? 'MODIFIED' : 'ADDED',
            rv,
            storageKey: change.storageKey,
            namespace,
            name,
            object,
          });
        } else {
          const current = this.get(change.storageKey, change.namespace, change.name);
          if (!current) continue;
          this.statements.remove.run(change.storageKey, change.namespace, change.name);
          const object = {
            ...current.object,
            metadata: { ...current.object.metadata, resourceVersion: String(rv) },
          };
          results.push({ ...current, rv, object });
          events.push({
            type: 'DELETED',
            rv,
            storageKey: change.storageKey,
            namespace: change.namespace,
            name: change.name,
            object,
          });
        }
      }
      this.statements.setRv.run(String(rv));
      return rv;
    });
    this.rv = run();
    // Memory follows only once the transaction has committed.
    // results[i] and events[i] describe the same change.
    events.forEach((event, i) => {
      const bucket = this.namespaceBucket(event.storageKey, event.namespace);
      if (event.type === 'DELETED') {
        bucket.delete(event.name);
        if (bucket.size === 0) this.memory.get(event.storageKey)!.delete(event.namespace);
      } else bucket.set(event.name, results[i]!);
    });
    this.watches.publish(events);
    return results;
  }

  close(): void {
    clearInterval(this.checkpointTimer);
    this.db.close();
  }

  private namespaceBucket(storageKey: string, namespace: string): Map<string, StoredObject> {
    let namespaces = this.memory.get(storageKey);
    if (!namespaces) this.memory.set(storageKey, (namespaces = new Map()));
    let bucket = namespaces.get(namespace);
    if (!bucket) namespaces.set(namespace, (bucket = new Map()));
    return bucket;
  }
}
