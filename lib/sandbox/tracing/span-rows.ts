import type { AttributeValue, ResourceSpans, SpanRecord } from '../contracts/span-sink';
import { jaegerKind, KIND_NUMBER, kindOfNumber, STATUS_NUMBER, statusOfNumber } from './span-kinds';

/** A resource (and instrumentation scope) as stored: shared by all its spans. */
export interface StoredResource {
  id: number;
  serviceName: string;
  attributes: Record<string, AttributeValue>;
  scope?: { name: string; version?: string };
}

/** A span read back from the store with its resource. */
export interface StoredSpan {
  resource: StoredResource;
  span: SpanRecord;
  /** Start in µs since the epoch (Jaeger's unit), kept for ordering. */
  startUs: number;
}

/** The columns of one `spans` row, in insertion order. */
export interface SpanRow {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  resource_id: number;
  service: string;
  name: string;
  kind: number;
  start_us: number;
  start_ns_rem: number;
  duration_ns: number;
  status_code: number;
  status_message: string | null;
  attributes: string;
  events: string | null;
}

/** A stable key for a resource and scope, so each is stored once however often it is sent. */
export function resourceFingerprint(resourceSpans: ResourceSpans): string {
  const attributes = Object.keys(resourceSpans.resource)
    .sort()
    .map((key) => [key, resourceSpans.resource[key]]);
  return JSON.stringify([
    attributes,
    resourceSpans.scope?.name ?? null,
    resourceSpans.scope?.version ?? null,
  ]);
}

export function serviceNameOf(resource: Record<string, AttributeValue>): string {
  const name = resource['service.name'];
  return name === undefined || name === '' ? 'unknown_service' : String(name);
}

/** A span as its row: ns times split into µs (indexed) and remainder, duration clamped at 0. */
export function toSpanRow(span: SpanRecord, resourceId: number, service: string): SpanRow {
  const start = BigInt(span.startTimeUnixNano);
  const end = BigInt(span.endTimeUnixNano);
  const duration = end > start ? end - start : 0n;
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId ?? null,
    resource_id: resourceId,
    service,
    name: span.name,
    kind: KIND_NUMBER[span.kind] ?? 1,
    start_us: Number(start / 1000n),
    start_ns_rem: Number(start % 1000n),
    duration_ns: Number(duration),
    status_code: STATUS_NUMBER[span.status.code] ?? 0,
    status_message: span.status.message ?? null,
    attributes: JSON.stringify(span.attributes),
    events: span.events?.length ? JSON.stringify(span.events) : null,
  };
}

/**
 * The (key, value) pairs a tag search can find a span by: its attributes, its event attributes
 * (Jaeger searches log fields too), and the tags Jaeger derives (`span.kind`, `otel.status_code`,
 * `error`). Values are compared as text, the way Jaeger's query compares them.
 */
export function searchableTags(span: SpanRecord): Array<[string, string]> {
  const tags = new Map<string, Set<string>>();
  const add = (key: string, value: AttributeValue): void => {
    const values = tags.get(key) ?? new Set<string>();
    values.add(String(value));
    tags.set(key, values);
  };
  for (const [key, value] of Object.entries(span.attributes)) add(key, value);
  for (const event of span.events ?? [])
    for (const [key, value] of Object.entries(event.attributes ?? {})) add(key, value);
  if (span.kind !== 'INTERNAL') add('span.kind', jaegerKind(span.kind));
  if (span.status.code !== 'UNSET') add('otel.status_code', span.status.code);
  if (span.status.code === 'ERROR') add('error', true);
  return [...tags].flatMap(([key, values]) =>
    [...values].map((value): [string, string] => [key, value]),
  );
}

/** The columns a read selects, joined with the resource. */
export interface SpanReadRow extends Omit<SpanRow, 'service'> {
  service: string;
  resource_attributes: string;
  scope_name: string | null;
  scope_version: string | null;
}

/** A read row back as a span, reusing one StoredResource object per resource id. */
export function fromSpanRow(row: SpanReadRow, resources: Map<number, StoredResource>): StoredSpan {
  let resource = resources.get(row.resource_id);
  if (!resource) {
    resource = {
      id: row.resource_id,
      serviceName: row.service,
      attributes: JSON.parse(row.resource_attributes) as Record<string, AttributeValue>,
      ...(row.scope_name
        ? {
            scope: {
              name: row.scope_name,
              ...(row.scope_version ? { version: row.scope_version } : {}),
            },
          }
        : {}),
    };
    resources.set(row.resource_id, resource);
  }
  const startNs = BigInt(row.start_us) * 1000n + BigInt(row.start_ns_rem);
  const span: SpanRecord = {
    traceId: row.trace_id,
    spanId: row.span_id,
    name: row.name,
    kind: kindOfNumber(row.kind),
    startTimeUnixNano: startNs.toString(),
    endTimeUnixNano: (startNs + BigInt(row.duration_ns)).toString(),
    attributes: JSON.parse(row.attributes) as Record<string, AttributeValue>,
    status: {
      code: statusOfNumber(row.status_code),
      ...(row.status_message ? { message: row.status_message } : {}),
    },
  };
  if (row.parent_span_id) span.parentSpanId = row.parent_span_id;
  if (row.events) span.events = JSON.parse(row.events) as NonNullable<SpanRecord['events']>;
  return { resource, span, startUs: row.start_us };
}
