import { randomBytes } from 'node:crypto';

/**
 * Trace context as Envoy reads and writes it: W3C `traceparent` or Zipkin B3 in, both out (the
 * Bookinfo services use either, and OpenTelemetry JS reads `traceparent` by default).
 */
export interface TraceContext {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** The caller's span: the parent of the span this proxy creates. */
  parentSpanId?: string;
  sampled: boolean;
}

export type HeaderMap = Record<string, string | string[] | undefined>;

const hex = (value: string | undefined, length: number): string | undefined =>
  value !== undefined && new RegExp(`^[0-9a-f]{${length}}$`).test(value.toLowerCase())
    ? value.toLowerCase()
    : undefined;

function single(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The context a request carries, or undefined when it starts a new trace. */
export function parseTraceContext(headers: HeaderMap): TraceContext | undefined {
  const traceparent = single(headers, 'traceparent');
  const parts = traceparent?.trim().split('-');
  if (parts && parts.length >= 4) {
    const traceId = hex(parts[1], 32);
    const spanId = hex(parts[2], 16);
    if (traceId && spanId && !/^0+$/.test(traceId)) {
      return { traceId, parentSpanId: spanId, sampled: (parseInt(parts[3] ?? '0', 16) & 1) === 1 };
    }
  }
  const b3TraceId = single(headers, 'x-b3-traceid')?.trim();
  // B3 allows 64-bit trace ids; Envoy left-pads them to 128 bits.
  const traceId = hex(b3TraceId?.padStart(32, '0'), 32);
  if (!traceId) return undefined;
  const spanId = hex(single(headers, 'x-b3-spanid')?.trim(), 16);
  const sampledHeader = single(headers, 'x-b3-sampled');
  const debug = single(headers, 'x-b3-flags') === '1';
  return {
    traceId,
    ...(spanId ? { parentSpanId: spanId } : {}),
    sampled:
      debug || sampledHeader === undefined || sampledHeader === '1' || sampledHeader === 'true',
  };
}

// Ids are drawn from a pool refilled 4 KiB at a time: a randomBytes call per span and request
// showed up as the largest single cost of a mesh hop in profiles.
let pool = randomBytes(4096);
let offset = 0;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const hexText = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hexText;
}

export function newTraceId(): string {
  return randomHex(16);
}

export function newSpanId(): string {
  return randomHex(8);
}

/**
 * The headers that carry `spanId` as the current span to the next hop, replacing what came in,
 * as Envoy's tracer injects them.
 */
export function propagationHeaders(
  traceId: string,
  spanId: string,
  parentSpanId: string | undefined,
  sampled: boolean,
): Record<string, string> {
  return {
    traceparent: `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`,
    'x-b3-traceid': traceId,
    'x-b3-spanid': spanId,
    ...(parentSpanId ? { 'x-b3-parentspanid': parentSpanId } : {}),
    'x-b3-sampled': sampled ? '1' : '0',
  };
}

/** Header names `propagationHeaders` may write, so stale ones can be dropped first. */
export const propagationHeaderNames = [
  'traceparent',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'b3',
] as const;
