import type { AttributeValue } from '../contracts/span-sink';
import { KIND_NUMBER, STATUS_NUMBER } from './span-kinds';
import type { StoredSpan } from './span-rows';

type OtlpAnyValue =
  { stringValue: string } | { boolValue: boolean } | { intValue: string } | { doubleValue: number };
export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export interface OtlpSpanOut {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  flags: number;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  events: Array<{ timeUnixNano: string; name: string; attributes: OtlpKeyValue[] }>;
  status: { code?: number; message?: string };
}

export interface OtlpResourceSpansOut {
  resource: { attributes: OtlpKeyValue[] };
  scopeSpans: Array<{ scope: { name?: string; version?: string }; spans: OtlpSpanOut[] }>;
}

/** A plain value as OTLP/JSON AnyValue: integers as intValue (a decimal string, as int64 is in JSON). */
export function otlpValue(value: AttributeValue): OtlpAnyValue {
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value };
}

function otlpAttributes(attributes: Record<string, AttributeValue>): OtlpKeyValue[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: otlpValue(value) }));
}

function otlpSpan({ span }: StoredSpan): OtlpSpanOut {
  const status: OtlpSpanOut['status'] = {};
  if (span.status.code !== 'UNSET') status.code = STATUS_NUMBER[span.status.code];
  if (span.status.message) status.message = span.status.message;
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    flags: 1,
    name: span.name,
    kind: KIND_NUMBER[span.kind],
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributes: otlpAttributes(span.attributes),
    events: (span.events ?? []).map((event) => ({
      timeUnixNano: event.timeUnixNano,
      name: event.name,
      attributes: otlpAttributes(event.attributes ?? {}),
    })),
    status,
  };
}

/**
 * Spans in OTLP/JSON `resourceSpans`, grouped by resource and then scope in order of first
 * appearance: the payload of Jaeger's v3 trace answers (`{"result": {"resourceSpans": [...]}}`).
 */
export function toOtlpResourceSpans(spans: StoredSpan[]): OtlpResourceSpansOut[] {
  const byResource = new Map<
    string,
    { out: OtlpResourceSpansOut; scopes: Map<string, OtlpSpanOut[]> }
  >();
  for (const stored of spans) {
    const resourceKey = JSON.stringify(stored.resource.attributes);
    let group = byResource.get(resourceKey);
    if (!group) {
      group = {
        out: {
          resource: { attributes: otlpAttributes(stored.resource.attributes) },
          scopeSpans: [],
        },
        scopes: new Map(),
      };
      byResource.set(resourceKey, group);
    }
    const scope = stored.resource.scope;
    const scopeKey = JSON.stringify([scope?.name ?? '', scope?.version ?? '']);
    let scopeSpans = group.scopes.get(scopeKey);
    if (!scopeSpans) {
      scopeSpans = [];
      group.scopes.set(scopeKey, scopeSpans);
      group.out.scopeSpans.push({
        scope: scope
          ? { name: scope.name, ...(scope.version ? { version: scope.version } : {}) }
          : {},
        spans: scopeSpans,
      });
    }
    scopeSpans.push(otlpSpan(stored));
  }
  return [...byResource.values()].map((group) => group.out);
}
