/**
 * Converts the OpenTelemetry SDK's finished spans into the sandbox's OTLP-shaped records, the
 * form its trace store ingests (see contracts/span-sink.ts). Pure.
 */
import { SpanKind, SpanStatusCode, type Attributes, type HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { AttributeValue, ResourceSpans, SpanRecord } from '../contracts/span-sink';

const kinds: Record<SpanKind, SpanRecord['kind']> = {
  [SpanKind.INTERNAL]: 'INTERNAL',
  [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT',
  [SpanKind.PRODUCER]: 'PRODUCER',
  [SpanKind.CONSUMER]: 'CONSUMER',
};

/** [seconds, nanoseconds] as decimal nanoseconds; BigInt because epoch nanoseconds exceed 2^53. */
export function hrTimeToNanos(time: HrTime): string {
  return (BigInt(time[0]) * 1_000_000_000n + BigInt(time[1])).toString();
}

/** Scalar attributes as they are; arrays (which the record type has no room for) as JSON text. */
export function flattenAttributes(attributes: Attributes): Record<string, AttributeValue> {
  const flat: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    flat[key] = Array.isArray(value) ? JSON.stringify(value) : (value as AttributeValue);
  }
  return flat;
}

export function toSpanRecord(span: ReadableSpan): SpanRecord {
  const context = span.spanContext();
  const record: SpanRecord = {
    traceId: context.traceId,
    spanId: context.spanId,
    name: span.name,
    kind: kinds[span.kind] ?? 'INTERNAL',
    startTimeUnixNano: hrTimeToNanos(span.startTime),
    endTimeUnixNano: hrTimeToNanos(span.endTime),
    attributes: flattenAttributes(span.attributes),
    status: {
      code:
        span.status.code === SpanStatusCode.ERROR
          ? 'ERROR'
          : span.status.code === SpanStatusCode.OK
            ? 'OK'
            : 'UNSET',
      ...(span.status.message ? { message: span.status.message } : {}),
    },
  };
  if (span.parentSpanContext?.spanId) record.parentSpanId = span.parentSpanContext.spanId;
  if (span.events.length > 0) {
    record.events = span.events.map((event) => ({
      timeUnixNano: hrTimeToNanos(event.time),
      name: event.name,
      ...(event.attributes ? { attributes: flattenAttributes(event.attributes) } : {}),
    }));
  }
  return record;
}

/** Spans of one tracer (one resource, one scope) as a single ResourceSpans. */
export function toResourceSpans(spans: ReadableSpan[]): ResourceSpans[] {
  const first = spans[0];
  if (!first) return [];
  return [
    {
      resource: flattenAttributes(first.resource.attributes),
      scope: {
        name: first.instrumentationScope.name,
        ...(first.instrumentationScope.version
          ? { version: first.instrumentationScope.version }
          : {}),
      },
      spans: spans.map(toSpanRecord),
    },
  ];
}
