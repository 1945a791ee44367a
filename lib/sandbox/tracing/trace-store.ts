import Database from 'better-sqlite3';
import type { ResourceSpans, SpanSink } from '../contracts/span-sink';
import { kindOfNumber } from './span-kinds';
import {
  fromSpanRow,
  resourceFingerprint,
  searchableTags,
  serviceNameOf,
  toSpanRow,
  type SpanReadRow,
  type SpanRow,
  type StoredResource,
  type StoredSpan,
} from './span-rows';
import { traceQueryWhere, type TraceQuery } from './trace-query';
import { TRACE_STORE_SCHEMA } from './store-schema';

export interface TraceStoreOptions {
  /** Spans older than this (by start time) are pruned; default one hour. */
  maxAgeMs?: number;
  /** The store never holds more spans than this after an export; default 200,000. */
  maxSpans?: number;
  /** How far below maxSpans a size prune goes, so pruning runs once per batch, not per export; default 5 % of maxSpans. */
  pruneBatchSpans?: number;
  /** Least time between two age prunes run by export; default 10 s. */
  agePruneIntervalMs?: number;
  /**
   * How long exported spans wait to be written together (default 25 ms). Sidecars export per
   * request; one transaction per export costs a WAL commit each (~2 ms on a busy disk), so
   * exports are gathered and written in one. Reads flush first, so they always see every export.
   * 0 writes each export at once.
   */
  flushDelayMs?: number;
  /** Pending spans that force a write without waiting (default 5,000). */
  maxPendingSpans?: number;
  /** Where a failed background write is reported (default console.error); the batch is dropped. */
  onWriteError?: (error: unknown) => void;
  /** The clock (ms since the epoch); tests pass a fixed one. */
  now?: () => number;
}

/** Spans converted at export time (so bad input fails the caller), waiting to be written. */
interface PendingResourceSpans {
  resourceSpans: ResourceSpans;
  service: string;
  spans: Array<{ row: SpanRow; tags: Array<[string, string]>; operationKey: string }>;
}

/** An operation of a service as Jaeger lists it. */
export interface StoredOperation {
  name: string;
  /** OTLP kind name: SERVER, CLIENT, ... */
  kind: StoredSpan['span']['kind'];
}

/** A dependency link between two services, counted per parent/child span pair. */
export interface DependencyLink {
  parent: string;
  child: string;
  callCount: number;
}

const READ_COLUMNS = `s.*, r.attributes AS resource_attributes, r.scope_name, r.scope_version`;
/** Spans deleted per statement batch when pruning, so one prune never holds the write lock for long. */
const DELETE_CHUNK = 5_000;

/**
 * Spans and their resources in SQLite (WAL), searchable the way Jaeger's query service searches,
 * with bounded retention by age and by count. Implements the sandbox's SpanSink: each export is
 * one transaction. Synchronous (better-sqlite3), so reads never see half an export.
 */
export class TraceStore implements SpanSink {
  private readonly db: Database.Database;
  private readonly maxAgeMs: number;
  private readonly maxSpans: number;
  private readonly pruneBatchSpans: number;
  private readonly agePruneIntervalMs: number;
  private readonly now: () => number;
  private readonly resourceIds = new Map<string, number>();
  private readonly knownOperations = new Set<string>();
  private spanCountValue: number;
  private lastAgePruneMs = Number.NEGATIVE_INFINITY;
  private readonly flushDelayMs: number;
  private readonly maxPendingSpans: number;
  private readonly onWriteError: (error: unknown) => void;
  private pending: PendingResourceSpans[] = [];
  private pendingSpans = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly statements;

  constructor(path: string, options: TraceStoreOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 60 * 60 * 1000;
    this.maxSpans = options.maxSpans ?? 200_000;
    this.pruneBatchSpans = Math.min(
      options.pruneBatchSpans ?? Math.ceil(this.maxSpans * 0.05),
      this.maxSpans,
    );
    this.agePruneIntervalMs = options.agePruneIntervalMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.flushDelayMs = options.flushDelayMs ?? 25;
    this.maxPendingSpans = options.maxPendingSpans ?? 5_000;
    this.onWriteError =
      options.onWriteError ?? ((error) => console.error('trace store: write failed', error));
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // WAL with NORMAL sync survives a process crash; only an OS crash can lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(TRACE_STORE_SCHEMA);
    this.statements = {
      insertResource: this.db.prepare(
        `INSERT INTO resources (fingerprint, service, attributes, scope_name, scope_version) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (fingerprint) DO NOTHING`,
      ),
      resourceId: this.db.prepare<[string], { id: number }>(
        `SELECT id FROM resources WHERE fingerprint = ?`,
      ),
      insertResourceTag: this.db.prepare(
        `INSERT OR IGNORE INTO resource_tags (key, value, resource_id) VALUES (?, ?, ?)`,
      ),
      insertSpan: this.db.prepare(
        `INSERT INTO spans (trace_id, span_id, parent_span_id, resource_id, service, name, kind, start_us, start_ns_rem,
           duration_ns, status_code, status_message, attributes, events)
         VALUES (@trace_id, @span_id, @parent_span_id, @resource_id, @service, @name, @kind, @start_us, @start_ns_rem,
           @duration_ns, @status_code, @status_message, @attributes, @events)`,
      ),
      insertTag: this.db.prepare(
        `INSERT OR IGNORE INTO span_tags (key, value, span_row) VALUES (?, ?, ?)`,
      ),
      insertOperation: this.db.prepare(
        `INSERT OR IGNORE INTO operations (service, name, kind) VALUES (?, ?, ?)`,
      ),
      count: this.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM spans`),
      oldestIds: this.db.prepare<[number], { id: number }>(
        `SELECT id FROM spans ORDER BY start_us LIMIT ?`,
      ),
      expiredIds: this.db.prepare<[number, number], { id: number }>(
        `SELECT id FROM spans WHERE start_us < ? ORDER BY start_us LIMIT ?`,
      ),
      deleteSpan: this.db.prepare(`DELETE FROM spans WHERE id = ?`),
      deleteTags: this.db.prepare(`DELETE FROM span_tags WHERE span_row = ?`),
      deleteStaleOperations: this.db.prepare(
        `DELETE FROM operations WHERE NOT EXISTS (
           SELECT 1 FROM spans s WHERE s.service = operations.service AND s.name = operations.name AND s.kind = operations.kind)`,
      ),
      deleteStaleResources: this.db.prepare(
        `DELETE FROM resources WHERE id NOT IN (SELECT DISTINCT resource_id FROM spans)`,
      ),
      deleteStaleResourceTags: this.db.prepare(
        `DELETE FROM resource_tags WHERE resource_id NOT IN (SELECT id FROM resources)`,
      ),
      services: this.db.prepare<[], { service: string }>(
        `SELECT DISTINCT service FROM operations ORDER BY service`,
      ),
      operations: this.db.prepare<[string], { name: string; kind: number }>(
        `SELECT name, kind FROM operations WHERE service = ? ORDER BY name, kind`,
      ),
      trace: this.db.prepare<[string], SpanReadRow>(
        `SELECT ${READ_COLUMNS} FROM spans s JOIN resources r ON r.id = s.resource_id WHERE s.trace_id = ?
         ORDER BY s.start_us, s.start_ns_rem, s.id`,
      ),
      dependencies: this.db.prepare<[number, number], DependencyLink>(
        `SELECT p.service AS parent, c.service AS child, count(*) AS callCount
         FROM spans c JOIN spans p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
         WHERE c.start_us >= ? AND c.start_us <= ? AND p.service <> c.service
         GROUP BY p.service, c.service ORDER BY p.service, c.service`,
      ),
    };
    this.spanCountValue = this.statements.count.get()!.n;
  }

  /** How many spans the store holds, counting exported spans not yet written. */
  get spanCount(): number {
    return this.spanCountValue + this.pendingSpans;
  }

  /**
   * SpanSink: converts the batch now (bad spans throw here, and nothing of the batch is kept),
   * then queues it; queued batches are written in one transaction after flushDelayMs, or at
   * once past maxPendingSpans, and the retention bounds are applied after each write.
   */
  export(batch: ResourceSpans[]): void {
    const converted = batch.map((resourceSpans): PendingResourceSpans => {
      const service = serviceNameOf(resourceSpans.resource);
      return {
        resourceSpans,
        service,
        spans: resourceSpans.spans.map((span) => ({
          row: toSpanRow(span, 0, service),
          tags: searchableTags(span),
          operationKey: `${service}\u0000${span.name}\u0000${span.kind}`,
        })),
      };
    });
    for (const entry of converted) {
      this.pending.push(entry);
      this.pendingSpans += entry.spans.length;
    }
    if (this.flushDelayMs === 0 || this.pendingSpans >= this.maxPendingSpans) {
      this.flush();
    } else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        try {
          this.flush();
        } catch (error) {
          this.onWriteError(error);
        }
      }, this.flushDelayMs);
      // A pending write never keeps the process alive; close() writes what is left.
      this.flushTimer.unref();
    }
  }

  /** Writes every queued export in one transaction and applies the retention bounds. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingSpans = 0;
    this.insertBatch(batch);
    const nowMs = this.now();
    if (nowMs - this.lastAgePruneMs >= this.agePruneIntervalMs) this.pruneByAge(nowMs);
    if (this.spanCountValue > this.maxSpans) this.pruneBySize();
  }

  private insertBatch(batch: PendingResourceSpans[]): void {
    let inserted = 0;
    try {
      this.db.transaction(() => {
        for (const entry of batch) {
          const resourceId = this.resourceIdOf(entry.resourceSpans, entry.service);
          for (const { row, tags, operationKey } of entry.spans) {
            const spanRow = this.statements.insertSpan.run({
              ...row,
              resource_id: resourceId,
            }).lastInsertRowid;
            for (const [key, value] of tags) this.statements.insertTag.run(key, value, spanRow);
            if (!this.knownOperations.has(operationKey)) {
              this.statements.insertOperation.run(entry.service, row.name, row.kind);
              this.knownOperations.add(operationKey);
            }
            inserted += 1;
          }
        }
      })();
    } catch (error) {
      // The transaction rolled back: ids and operations cached during it may not exist.
      this.resourceIds.clear();
      this.knownOperations.clear();
      throw error;
    }
    this.spanCountValue += inserted;
  }

  private resourceIdOf(resourceSpans: ResourceSpans, service: string): number {
    const fingerprint = resourceFingerprint(resourceSpans);
    const cached = this.resourceIds.get(fingerprint);
    if (cached !== undefined) return cached;
    const scope = resourceSpans.scope;
    this.statements.insertResource.run(
      fingerprint,
      service,
      JSON.stringify(resourceSpans.resource),
      scope?.name ?? null,
      scope?.version ?? null,
    );
    const id = this.statements.resourceId.get(fingerprint)!.id;
    for (const [key, value] of Object.entries(resourceSpans.resource))
      this.statements.insertResourceTag.run(key, String(value), id);
    this.resourceIds.set(fingerprint, id);
    return id;
  }

  /** Runs both retention bounds now; the integrator may call it on a timer when no spans arrive. */
  prune(): number {
    this.flush();
    const before = this.spanCountValue;
    this.pruneByAge(this.now());
    if (this.spanCountValue > this.maxSpans) this.pruneBySize();
    return before - this.spanCountValue;
  }

  private pruneByAge(nowMs: number): void {
    this.lastAgePruneMs = nowMs;
    const cutoffUs = (nowMs - this.maxAgeMs) * 1000;
    let deleted = 0;
    for (;;) {
      const ids = this.statements.expiredIds.all(cutoffUs, DELETE_CHUNK).map((row) => row.id);
      if (ids.length === 0) break;
      this.deleteSpans(ids);
      deleted += ids.length;
    }
    if (deleted > 0) this.dropUnreferenced();
  }

  private pruneBySize(): void {
    let excess = this.spanCountValue - (this.maxSpans - this.pruneBatchSpans);
    while (excess > 0) {
      const ids = this.statements.oldestIds
        .all(Math.min(excess, DELETE_CHUNK))
        .map((row) => row.id);
      if (ids.length === 0) break;
      this.deleteSpans(ids);
      excess -= ids.length;
    }
    this.dropUnreferenced();
  }

  private deleteSpans(ids: number[]): void {
    this.db.transaction(() => {
      for (const id of ids) {
        this.statements.deleteTags.run(id);
        this.spanCountValue -= this.statements.deleteSpan.run(id).changes;
      }
    })();
  }

  /** Operations, resources and their tags that no span refers to any more. */
  private dropUnreferenced(): void {
    this.db.transaction(() => {
      this.statements.deleteStaleOperations.run();
      this.statements.deleteStaleResources.run();
      this.statements.deleteStaleResourceTags.run();
    })();
    this.knownOperations.clear();
    this.resourceIds.clear();
  }

  /** Service names with spans in the store, sorted. */
  services(): string[] {
    this.flush();
    return this.statements.services.all().map((row) => row.service);
  }

  /** A service's operations (name and kind), sorted by name; `kind` narrows to one kind. */
  operations(service: string, kind?: StoredOperation['kind']): StoredOperation[] {
    this.flush();
    return this.statements.operations
      .all(service)
      .map((row) => ({ name: row.name, kind: kindOfNumber(row.kind) }))
      .filter((operation) => kind === undefined || operation.kind === kind);
  }

  /**
   * Ids of the traces with a span matching every filter, newest first by that span's start,
   * at most `query.limit`. Walks matching spans newest first and stops at the limit.
   */
  findTraceIds(query: TraceQuery): string[] {
    this.flush();
    const { where, params } = traceQueryWhere(query);
    const statement = this.db.prepare<unknown[], { trace_id: string }>(
      `SELECT s.trace_id FROM spans s ${where} ORDER BY s.start_us DESC`,
    );
    const found = new Set<string>();
    if (query.limit <= 0) return [];
    for (const row of statement.iterate(...params)) {
      found.add(row.trace_id);
      if (found.size >= query.limit) break;
    }
    return [...found];
  }

  /** The matching traces in full (see findTraceIds), each as its spans in start order. */
  findTraces(query: TraceQuery): StoredSpan[][] {
    return this.findTraceIds(query).map((traceId) => this.getTrace(traceId));
  }

  /** Every stored span of a trace in start order; empty when the trace is unknown. */
  getTrace(traceId: string): StoredSpan[] {
    this.flush();
    const resources = new Map<number, StoredResource>();
    return this.statements.trace.all(traceId).map((row) => fromSpanRow(row, resources));
  }

  /** Service-to-service call counts from parent/child spans starting in [startUs, endUs]. */
  dependencies(startUs: number, endUs: number): DependencyLink[] {
    this.flush();
    return this.statements.dependencies.all(startUs, endUs);
  }

  /** Writes what is queued, then closes the database. */
  close(): void {
    this.flush();
    this.db.close();
  }
}

/** Opens (creating if needed) the trace store at `path` (`:memory:` for a throwaway one). */
export function openTraceStore(path: string, options: TraceStoreOptions = {}): TraceStore {
  return new TraceStore(path, options);
}
