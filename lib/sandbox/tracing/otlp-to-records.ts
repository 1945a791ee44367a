import type { AttributeValue, ResourceSpans, SpanRecord } from '../contracts/span-sink';
import type {
  OtlpAnyValueJson,
  OtlpKeyValueJson,
  OtlpSpanJson,
  OtlpTraceRequestJson,
} from './otlp-json-schema';

/** What an OTLP request turns into: the accepted spans and a count of the rejected ones. */
export interface DecodedExport {
  batch: ResourceSpans[];
  rejectedSpans: number;
  /** The first reason a span was rejected, for ExportTracePartialSuccess.error_message. */
  errorMessage: string;
}

const SPAN_KINDS: ReadonlyArray<SpanRecord['kind']> = [
  'INTERNAL',
  'INTERNAL',
  'SERVER',
  'CLIENT',
  'PRODUCER',
  'CONSUMER',
];
const STATUS_CODES: ReadonlyArray<SpanRecord['status']['code']> = ['UNSET', 'OK', 'ERROR'];
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO = /^0+$/;

/**
 * An AnyValue as the span sink's plain value. Arrays and maps become their JSON text and bytes
 * their base64, as Jaeger shows them; 64-bit integers beyond 2^53 stay decimal strings so no
 * digit is lost. An empty AnyValue has no plain form and is dropped.
 */
export function plainValue(value: OtlpAnyValueJson | undefined): AttributeValue | undefined {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) {
    const asNumber = Number(value.intValue);
    return Number.isSafeInteger(asNumber) ? asNumber : String(value.intValue);
  }
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue !== undefined || value.kvlistValue !== undefined)
    return JSON.stringify(structuredValue(value));
  return undefined;
}

function structuredValue(value: OtlpAnyValueJson | undefined): unknown {
  if (value?.arrayValue) return (value.arrayValue.values ?? []).map(structuredValue);
  if (value?.kvlistValue)
    return Object.fromEntries(
      (value.kvlistValue.values ?? []).map((kv) => [kv.key, structuredValue(kv.value)]),
    );
  return plainValue(value) ?? null;
}

/** OTLP's repeated KeyValue as a record; a repeated key keeps its last value. */
export function plainAttributes(
  attributes: OtlpKeyValueJson[] | undefined,
): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const { key, value } of attributes ?? []) {
    const plain = plainValue(value);
    if (plain !== undefined) result[key] = plain;
  }
  return result;
}

function enumIndex(
  value: number | string | undefined,
  prefix: string,
  names: readonly string[],
): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  return Math.max(0, names.indexOf(value.slice(prefix.length)));
}

function nanos(value: string | number | undefined): string {
  if (value === undefined) return '0';
  return (typeof value === 'number' ? BigInt(Math.trunc(value)) : BigInt(value)).toString();
}

/** Why a span cannot be stored, or undefined when it can. */
function spanProblem(span: OtlpSpanJson): string | undefined {
  const traceId = span.traceId?.toLowerCase() ?? '';
  const spanId = span.spanId?.toLowerCase() ?? '';
  if (!TRACE_ID.test(traceId) || ZERO.test(traceId))
    return `invalid traceId "${span.traceId ?? ''}": expected 32 hex digits, not all zero`;
  if (!SPAN_ID.test(spanId) || ZERO.test(spanId))
    return `invalid spanId "${span.spanId ?? ''}": expected 16 hex digits, not all zero`;
  const parent = span.parentSpanId?.toLowerCase() ?? '';
  if (parent !== '' && !SPAN_ID.test(parent))
    return `invalid parentSpanId "${span.parentSpanId}": expected 16 hex digits`;
  return undefined;
}

function toSpanRecord(span: OtlpSpanJson): SpanRecord {
  const parent = span.parentSpanId?.toLowerCase() ?? '';
  const record: SpanRecord = {
    traceId: span.traceId!.toLowerCase(),
    spanId: span.spanId!.toLowerCase(),
    name: span.name ?? '',
    kind:
      SPAN_KINDS[
        enumIndex(span.kind, 'SPAN_KIND_', [
          'UNSPECIFIED',
          'INTERNAL',
          'SERVER',
          'CLIENT',
          'PRODUCER',
          'CONSUMER',
        ])
      ] ?? 'INTERNAL',
    startTimeUnixNano: nanos(span.startTimeUnixNano),
    endTimeUnixNano: nanos(span.endTimeUnixNano),
    attributes: plainAttributes(span.attributes),
    status: {
      code:
        STATUS_CODES[enumIndex(span.status?.code, 'STATUS_CODE_', ['UNSET', 'OK', 'ERROR'])] ??
        'UNSET',
    },
  };
  // An all-zero parent id is how some exporters write "no parent".
  if (parent !== '' && !ZERO.test(parent)) record.parentSpanId = parent;
  if (span.status?.message) record.status.message = span.status.message;
  if (span.events?.length) {
    record.events = span.events.map((event) => ({
      timeUnixNano: nanos(event.timeUnixNano),
      name: event.name ?? '',
      ...(event.attributes?.length ? { attributes: plainAttributes(event.attributes) } : {}),
    }));
  }
  return record;
}

/**
 * An ExportTraceServiceRequest (JSON mapping, already shape-checked) as span-sink batches:
 * one ResourceSpans per scope. Spans with malformed ids are counted as rejected rather than
 * failing the request, as OTLP's partial success allows.
 */
export function toResourceSpans(request: OtlpTraceRequestJson): DecodedExport {
  const batch: ResourceSpans[] = [];
  let rejectedSpans = 0;
  let errorMessage = '';
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = plainAttributes(resourceSpans.resource?.attributes);
    // OTLP says a resource without service.name is "unknown_service"; Jaeger needs a name.
    if (resource['service.name'] === undefined) resource['service.name'] = 'unknown_service';
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const spans: SpanRecord[] = [];
      for (const span of scopeSpans.spans ?? []) {
        const problem = spanProblem(span);
        if (problem) {
          rejectedSpans += 1;
          errorMessage ||= problem;
        } else {
          spans.push(toSpanRecord(span));
        }
      }
      if (spans.length === 0) continue;
      const scope = scopeSpans.scope?.name
        ? {
            name: scopeSpans.scope.name,
            ...(scopeSpans.scope.version ? { version: scopeSpans.scope.version } : {}),
          }
        : undefined;
      batch.push({ resource, ...(scope ? { scope } : {}), spans });
    }
  }
  return { batch, rejectedSpans, errorMessage };
}
