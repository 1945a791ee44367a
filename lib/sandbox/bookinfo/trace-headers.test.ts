import { TraceFlags, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { extractParentContext, outgoingTraceHeaders, pickForwardedHeaders } from './trace-headers';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('extractParentContext', () => {
  it.each([
    [
      'W3C traceparent',
      { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED },
    ],
    [
      'B3 with a 128-bit id',
      { 'x-b3-traceid': traceId, 'x-b3-spanid': 'a2fb4a1d1a96d312', 'x-b3-sampled': '1' },
      { traceId, spanId: 'a2fb4a1d1a96d312', traceFlags: TraceFlags.SAMPLED },
    ],
    [
      'B3 with a 64-bit id, padded',
      { 'x-b3-traceid': 'a3ce929d0e0e4736', 'x-b3-spanid': 'a2fb4a1d1a96d312' },
      { traceId: '0000000000000000a3ce929d0e0e4736', spanId: 'a2fb4a1d1a96d312' },
    ],
    [
      'B3 not sampled',
      { 'x-b3-traceid': traceId, 'x-b3-spanid': 'a2fb4a1d1a96d312', 'x-b3-sampled': '0' },
      { traceFlags: TraceFlags.NONE },
    ],
    [
      'traceparent wins over B3',
      {
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        'x-b3-traceid': 'a3ce929d0e0e4736',
        'x-b3-spanid': 'a2fb4a1d1a96d312',
      },
      { spanId: '00f067aa0ba902b7' },
    ],
  ])('reads %s', (_what, headers, expected) => {
    expect(trace.getSpanContext(extractParentContext(headers))).toMatchObject(expected);
  });

  it.each([
    ['nothing', {}],
    ['a malformed traceparent', { traceparent: '00-xyz-00f067aa0ba902b7-01' }],
    ['a malformed B3 span id', { 'x-b3-traceid': traceId, 'x-b3-spanid': 'short' }],
  ])('starts a new trace on %s', (_what, headers) => {
    expect(trace.getSpanContext(extractParentContext(headers))).toBeUndefined();
  });
});

describe('outgoing headers', () => {
  it('forwards the listed headers only, and rewrites the trace context to the client span', () => {
    const forwarded = pickForwardedHeaders({
      'x-request-id': 'r',
      'end-user': 'jason',
      b3: '1-2-1',
      host: 'x',
      'x-b3-flags': '1',
      'content-type': 'text/plain',
    });
    expect(forwarded).toEqual({
      'x-request-id': 'r',
      'end-user': 'jason',
      b3: '1-2-1',
      'x-b3-flags': '1',
    });
    const out = outgoingTraceHeaders(
      forwarded,
      { traceId, spanId: '1111111111111111', traceFlags: TraceFlags.SAMPLED },
      '2222222222222222',
    );
    expect(out).toEqual({
      'x-request-id': 'r',
      'end-user': 'jason',
      'x-b3-flags': '1',
      traceparent: `00-${traceId}-1111111111111111-01`,
      'x-b3-traceid': traceId,
      'x-b3-spanid': '1111111111111111',
      'x-b3-parentspanid': '2222222222222222',
      'x-b3-sampled': '1',
    });
  });
});
