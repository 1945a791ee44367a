/**
 * Trace propagation as Bookinfo does it: every service forwards a fixed set of headers on its
 * outgoing calls (so the sidecars' spans and its own join one trace), and rewrites the trace
 * context ones (`traceparent`, `x-b3-*`) to name its own client span as the parent.
 */
import {
  ROOT_CONTEXT,
  TraceFlags,
  defaultTextMapGetter,
  trace,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { IncomingHttpHeaders } from 'node:http';

/** The headers bookinfo.md and telemetry.md say every service forwards. */
export const forwardedHeaderNames = [
  'x-request-id',
  'traceparent',
  'tracestate',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'b3',
  'x-ot-span-context',
  'user-agent',
  'cookie',
  'authorization',
  'end-user',
] as const;

const w3c = new W3CTraceContextPropagator();

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The forwarded subset of an incoming request's headers, lower-case names, one value each. */
export function pickForwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of forwardedHeaderNames) {
    const value = single(headers[name]);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

const hex = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`);
const b3TraceId = /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/;

/** The B3 multi-header context, if present and well formed (64-bit trace ids are left-padded). */
function extractB3(headers: IncomingHttpHeaders): SpanContext | undefined {
  const traceId = single(headers['x-b3-traceid'])?.toLowerCase();
  const spanId = single(headers['x-b3-spanid'])?.toLowerCase();
  if (!traceId || !spanId || !b3TraceId.test(traceId) || !hex(16).test(spanId)) return undefined;
  const sampled = single(headers['x-b3-sampled']);
  const debug = single(headers['x-b3-flags']) === '1';
  return {
    traceId: traceId.padStart(32, '0'),
    spanId,
    traceFlags: sampled === '0' && !debug ? TraceFlags.NONE : TraceFlags.SAMPLED,
    isRemote: true,
  };
}

/**
 * The parent context of a request's server span: W3C `traceparent` first (what the sidecars
 * write), else B3; the root context when neither is there (the request starts a trace).
 */
export function extractParentContext(headers: IncomingHttpHeaders): Context {
  const fromW3c = w3c.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  if (trace.getSpanContext(fromW3c)) return fromW3c;
  const b3 = extractB3(headers);
  return b3 ? trace.setSpanContext(ROOT_CONTEXT, b3) : ROOT_CONTEXT;
}

/**
 * Outgoing headers: the forwarded ones, with the trace context replaced by `span` (the caller's
 * client span), in both W3C and B3 form so either kind of proxy continues the same trace.
 */
export function outgoingTraceHeaders(
  forwarded: Record<string, string>,
  span: SpanContext,
  parentSpanId?: string,
): Record<string, string> {
  const headers: Record<string, string> = { ...forwarded };
  delete headers.b3;
  const sampled = (span.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
  headers.traceparent = `00-${span.traceId}-${span.spanId}-${sampled ? '01' : '00'}`;
  headers['x-b3-traceid'] = span.traceId;
  headers['x-b3-spanid'] = span.spanId;
  headers['x-b3-sampled'] = sampled ? '1' : '0';
  if (parentSpanId) headers['x-b3-parentspanid'] = parentSpanId;
  else delete headers['x-b3-parentspanid'];
  return headers;
}
