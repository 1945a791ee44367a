import type { AttributeValue, ResourceSpans, SpanRecord } from '../contracts/span-sink';

/** 1 January 2026, µs: fixture spans start around here. */
export const BASE_US = Date.UTC(2026, 0, 1) * 1000;

export interface FixtureSpan {
  service?: string;
  trace?: number;
  span?: number;
  parent?: number;
  name?: string;
  kind?: SpanRecord['kind'];
  /** Start, µs after BASE_US. */
  atUs?: number;
  durationUs?: number;
  attributes?: Record<string, AttributeValue>;
  resource?: Record<string, AttributeValue>;
  status?: SpanRecord['status'];
}

/** Trace and span ids from small numbers, so tests read as tables. */
export const traceIdOf = (n: number): string => n.toString(16).padStart(32, '0');
export const spanIdOf = (n: number): string => n.toString(16).padStart(16, '0');

/** One span as a ResourceSpans batch entry, with defaults for everything a test does not care about. */
export function fixtureSpan(spec: FixtureSpan): ResourceSpans {
  const startNs = BigInt(BASE_US + (spec.atUs ?? 0)) * 1000n;
  const span: SpanRecord = {
    traceId: traceIdOf(spec.trace ?? 1),
    spanId: spanIdOf(spec.span ?? 1),
    name: spec.name ?? 'GET /',
    kind: spec.kind ?? 'SERVER',
    startTimeUnixNano: startNs.toString(),
    endTimeUnixNano: (startNs + BigInt(spec.durationUs ?? 1000) * 1000n).toString(),
    attributes: spec.attributes ?? {},
    status: spec.status ?? { code: 'UNSET' },
  };
  if (spec.parent !== undefined) span.parentSpanId = spanIdOf(spec.parent);
  return {
    resource: { 'service.name': spec.service ?? 'productpage', ...spec.resource },
    spans: [span],
  };
}
