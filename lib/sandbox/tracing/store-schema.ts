/**
 * The trace store's tables. Spans keep their own row with the columns searches filter on
 * (service, operation, start, duration) and the rest as JSON; their resource (service name,
 * resource attributes, instrumentation scope) is stored once and referenced. Tags live in their
 * own index tables so a tag search is an index lookup rather than a JSON scan of every span.
 * Kinds are OTLP's numbers (1 internal ... 5 consumer); times are µs since the epoch plus the
 * sub-µs remainder, so Jaeger's µs and OTLP's exact nanoseconds both come back out.
 */
export const TRACE_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS resources (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  service TEXT NOT NULL,
  attributes TEXT NOT NULL,
  scope_name TEXT,
  scope_version TEXT
);
CREATE TABLE IF NOT EXISTS resource_tags (
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  resource_id INTEGER NOT NULL,
  PRIMARY KEY (key, value, resource_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spans (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL,
  span_id TEXT NOT NULL,
  parent_span_id TEXT,
  resource_id INTEGER NOT NULL,
  service TEXT NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  start_us INTEGER NOT NULL,
  start_ns_rem INTEGER NOT NULL,
  duration_ns INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  status_message TEXT,
  attributes TEXT NOT NULL,
  events TEXT
);
CREATE INDEX IF NOT EXISTS spans_trace ON spans (trace_id, span_id);
CREATE INDEX IF NOT EXISTS spans_service_start ON spans (service, start_us);
CREATE INDEX IF NOT EXISTS spans_operation_start ON spans (service, name, start_us);
CREATE INDEX IF NOT EXISTS spans_start ON spans (start_us);
CREATE INDEX IF NOT EXISTS spans_duration ON spans (duration_ns);
CREATE TABLE IF NOT EXISTS span_tags (
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  span_row INTEGER NOT NULL,
  PRIMARY KEY (key, value, span_row)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS span_tags_row ON span_tags (span_row);
CREATE TABLE IF NOT EXISTS operations (
  service TEXT NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  PRIMARY KEY (service, name, kind)
) WITHOUT ROWID;
`;
