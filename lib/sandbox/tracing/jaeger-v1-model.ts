import type { AttributeValue } from '../contracts/span-sink';
import { jaegerKind } from './span-kinds';
import type { StoredSpan } from './span-rows';

export interface JaegerTag {
  key: string;
  type: 'string' | 'bool' | 'int64' | 'float64' | 'binary';
  value: string | number | boolean;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  flags: number;
  operationName: string;
  references: Array<{ refType: 'CHILD_OF' | 'FOLLOWS_FROM'; traceID: string; spanID: string }>;
  startTime: number;
  duration: number;
  tags: JaegerTag[];
  logs: Array<{ timestamp: number; fields: JaegerTag[] }>;
  processID: string;
  warnings: string[] | null;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: JaegerTag[] }>;
  warnings: string[] | null;
}

/** A plain attribute value as a Jaeger tag: integers are int64, other numbers float64. */
export function jaegerTag(key: string, value: AttributeValue): JaegerTag {
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number')
    return { key, type: Number.isInteger(value) ? 'int64' : 'float64', value };
  return { key, type: 'string', value };
}

function tagsOf(attributes: Record<string, AttributeValue>): JaegerTag[] {
  return Object.entries(attributes).map(([key, value]) => jaegerTag(key, value));
}

/** ns (decimal string) to Jaeger's µs, truncated as Jaeger's OTLP translator does. */
function micros(nanos: string): number {
  return Number(BigInt(nanos) / 1000n);
}

/** (end - start) in µs, truncated, never negative. */
function durationMicros(startNanos: string, endNanos: string): number {
  const nanos = BigInt(endNanos) - BigInt(startNanos);
  return nanos > 0n ? Number(nanos / 1000n) : 0;
}

/**
 * The span's tags as Jaeger's OTLP translator writes them: its attributes, then `span.kind`,
 * `otel.status_code` / `otel.status_description`, `error=true` for an error status, and the
 * instrumentation scope as `otel.scope.name` / `otel.scope.version`.
 */
function spanTags(stored: StoredSpan): JaegerTag[] {
  const { span, resource } = stored;
  const tags = tagsOf(span.attributes);
  if (resource.scope) {
    tags.push(jaegerTag('otel.scope.name', resource.scope.name));
    if (resource.scope.version) tags.push(jaegerTag('otel.scope.version', resource.scope.version));
  }
  if (span.kind !== 'INTERNAL') tags.push(jaegerTag('span.kind', jaegerKind(span.kind)));
  if (span.status.code !== 'UNSET') tags.push(jaegerTag('otel.status_code', span.status.code));
  if (span.status.message) tags.push(jaegerTag('otel.status_description', span.status.message));
  if (span.status.code === 'ERROR' && span.attributes.error === undefined)
    tags.push(jaegerTag('error', true));
  return tags;
}

/**
 * One trace's spans in Jaeger's JSON: the resource's `service.name` as process.serviceName and
 * its other attributes as process tags (one process per distinct resource, p1, p2, ... in order
 * of first use), the parent as a CHILD_OF reference, span events as logs with an `event` field.
 */
export function toJaegerTrace(traceId: string, spans: StoredSpan[]): JaegerTrace {
  const processes: JaegerTrace['processes'] = {};
  const processIdByKey = new Map<string, string>();
  const processIdOf = (stored: StoredSpan): string => {
    const { 'service.name': _service, ...attributes } = stored.resource.attributes;
    const process = { serviceName: stored.resource.serviceName, tags: tagsOf(attributes) };
    // Scopes of one resource share a process, as Jaeger merges identical processes.
    const key = JSON.stringify(process);
    let id = processIdByKey.get(key);
    if (!id) {
      id = `p${processIdByKey.size + 1}`;
      processIdByKey.set(key, id);
      processes[id] = process;
    }
    return id;
  };
  const jaegerSpans = spans.map((stored): JaegerSpan => {
    const { span } = stored;
    return {
      traceID: span.traceId,
      spanID: span.spanId,
      flags: 1,
      operationName: span.name,
      references: span.parentSpanId
        ? [{ refType: 'CHILD_OF', traceID: span.traceId, spanID: span.parentSpanId }]
        : [],
      startTime: micros(span.startTimeUnixNano),
      duration: durationMicros(span.startTimeUnixNano, span.endTimeUnixNano),
      tags: spanTags(stored),
      logs: (span.events ?? []).map((event) => ({
        timestamp: micros(event.timeUnixNano),
        fields: [jaegerTag('event', event.name), ...tagsOf(event.attributes ?? {})],
      })),
      processID: processIdOf(stored),
      warnings: null,
    };
  });
  return { traceID: traceId, spans: jaegerSpans, processes, warnings: null };
}
