/**
 * What a trace search asks for. A trace matches when ONE of its spans satisfies every filter
 * (Jaeger's rule); matches are returned newest first by that span's start.
 */
export interface TraceQuery {
  service?: string;
  operation?: string;
  /** Every pair must be found on the span, its resource, or its events (text comparison). */
  tags?: Record<string, string>;
  /** Span start window, µs since the epoch, inclusive. */
  startMinUs?: number;
  startMaxUs?: number;
  /** Span duration bounds in ns, inclusive. */
  durationMinNs?: number;
  durationMaxNs?: number;
  /** Most traces returned. */
  limit: number;
}

/** The WHERE clause (over `spans s`) and its parameters for a query's filters. */
export function traceQueryWhere(query: TraceQuery): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (query.service !== undefined) {
    clauses.push('s.service = ?');
    params.push(query.service);
  }
  if (query.operation !== undefined) {
    clauses.push('s.name = ?');
    params.push(query.operation);
  }
  if (query.startMinUs !== undefined) {
    clauses.push('s.start_us >= ?');
    params.push(query.startMinUs);
  }
  if (query.startMaxUs !== undefined) {
    clauses.push('s.start_us <= ?');
    params.push(query.startMaxUs);
  }
  if (query.durationMinNs !== undefined) {
    clauses.push('s.duration_ns >= ?');
    params.push(query.durationMinNs);
  }
  if (query.durationMaxNs !== undefined) {
    clauses.push('s.duration_ns <= ?');
    params.push(query.durationMaxNs);
  }
  for (const [key, value] of Object.entries(query.tags ?? {})) {
    // A tag may sit on the span (or its events) or on its resource, as Jaeger's process tags do.
    clauses.push(
      '(EXISTS (SELECT 1 FROM span_tags t WHERE t.key = ? AND t.value = ? AND t.span_row = s.id)' +
        ' OR s.resource_id IN (SELECT r.resource_id FROM resource_tags r WHERE r.key = ? AND r.value = ?))',
    );
    params.push(key, value, key, value);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
