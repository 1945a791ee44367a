import { afterEach, describe, expect, it } from 'vitest';
import { toJaegerTrace } from './jaeger-v1-model';
import { otlpTraceRequestSchema } from './otlp-json-schema';
import { toOtlpResourceSpans } from './otlp-json-model';
import { toResourceSpans } from './otlp-to-records';
import { openTraceStore, type TraceStore } from './trace-store';
import { summarizeTrace } from './trace-summary';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
let store: TraceStore | undefined;
afterEach(() => store?.close());

/** A server span and its client child from one pod, with an event and an error status. */
const request = otlpTraceRequestSchema.parse({
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'reviews.demo-project' } },
          { key: 'k8s.pod.name', value: { stringValue: 'reviews-v2-abc' } },
        ],
      },
      scopeSpans: [
        {
          scope: { name: 'envoy', version: '1.27' },
          spans: [
            {
              traceId: TRACE,
              spanId: 'b7ad6b7169203331',
              name: 'reviews:9080/*',
              kind: 2,
              startTimeUnixNano: '1767225600000001500',
              endTimeUnixNano: '1767225600004003999',
              attributes: [
                { key: 'http.status_code', value: { intValue: '503' } },
                { key: 'ratio', value: { doubleValue: 0.5 } },
                { key: 'sampled', value: { boolValue: true } },
              ],
              events: [
                {
                  timeUnixNano: '1767225600002000000',
                  name: 'retry',
                  attributes: [{ key: 'attempt', value: { intValue: '2' } }],
                },
              ],
              status: { code: 2, message: 'UH' },
            },
            {
              traceId: TRACE,
              spanId: '00f067aa0ba902b7',
              parentSpanId: 'b7ad6b7169203331',
              name: 'ratings:9080/*',
              kind: 'SPAN_KIND_CLIENT',
              startTimeUnixNano: '1767225600001000000',
              endTimeUnixNano: '1767225600003000000',
            },
          ],
        },
      ],
    },
  ],
});

function stored() {
  store = openTraceStore(':memory:', { now: () => 1767225600000 });
  store.export(toResourceSpans(request).batch);
  return store.getTrace(TRACE);
}

describe('OTLP JSON -> store -> Jaeger JSON', () => {
  it('gives Jaeger v1 trace JSON', () => {
    expect(toJaegerTrace(TRACE, stored())).toEqual({
      traceID: TRACE,
      processes: {
        p1: {
          serviceName: 'reviews.demo-project',
          tags: [{ key: 'k8s.pod.name', type: 'string', value: 'reviews-v2-abc' }],
        },
      },
      warnings: null,
      spans: [
        {
          traceID: TRACE,
          spanID: 'b7ad6b7169203331',
          flags: 1,
          operationName: 'reviews:9080/*',
          references: [],
          startTime: 1767225600000001,
          duration: 4002,
          tags: [
            { key: 'http.status_code', type: 'int64', value: 503 },
            { key: 'ratio', type: 'float64', value: 0.5 },
            { key: 'sampled', type: 'bool', value: true },
            { key: 'otel.scope.name', type: 'string', value: 'envoy' },
            { key: 'otel.scope.version', type: 'string', value: '1.27' },
            { key: 'span.kind', type: 'string', value: 'server' },
            { key: 'otel.status_code', type: 'string', value: 'ERROR' },
            { key: 'otel.status_description', type: 'string', value: 'UH' },
            { key: 'error', type: 'bool', value: true },
          ],
          logs: [
            {
              timestamp: 1767225600002000,
              fields: [
                { key: 'event', type: 'string', value: 'retry' },
                { key: 'attempt', type: 'int64', value: 2 },
              ],
            },
          ],
          processID: 'p1',
          warnings: null,
        },
        {
          traceID: TRACE,
          spanID: '00f067aa0ba902b7',
          flags: 1,
          operationName: 'ratings:9080/*',
          references: [{ refType: 'CHILD_OF', traceID: TRACE, spanID: 'b7ad6b7169203331' }],
          startTime: 1767225600001000,
          duration: 2000,
          tags: [
            { key: 'otel.scope.name', type: 'string', value: 'envoy' },
            { key: 'otel.scope.version', type: 'string', value: '1.27' },
            { key: 'span.kind', type: 'string', value: 'client' },
          ],
          logs: [],
          processID: 'p1',
          warnings: null,
        },
      ],
    });
  });

  it('gives OTLP JSON back with exact nanoseconds for the v3 API', () => {
    const [resourceSpans] = toOtlpResourceSpans(stored());
    expect(resourceSpans!.resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'reviews.demo-project' } },
      { key: 'k8s.pod.name', value: { stringValue: 'reviews-v2-abc' } },
    ]);
    expect(resourceSpans!.scopeSpans).toHaveLength(1);
    expect(resourceSpans!.scopeSpans[0]!.scope).toEqual({ name: 'envoy', version: '1.27' });
    expect(resourceSpans!.scopeSpans[0]!.spans[0]).toEqual({
      traceId: TRACE,
      spanId: 'b7ad6b7169203331',
      flags: 1,
      name: 'reviews:9080/*',
      kind: 2,
      startTimeUnixNano: '1767225600000001500',
      endTimeUnixNano: '1767225600004003999',
      attributes: [
        { key: 'http.status_code', value: { intValue: '503' } },
        { key: 'ratio', value: { doubleValue: 0.5 } },
        { key: 'sampled', value: { boolValue: true } },
      ],
      events: [
        {
          timeUnixNano: '1767225600002000000',
          name: 'retry',
          attributes: [{ key: 'attempt', value: { intValue: '2' } }],
        },
      ],
      status: { code: 2, message: 'UH' },
    });
    // Round trip: what v3 returns is a valid export request that decodes to the same records.
    const again = toResourceSpans(
      otlpTraceRequestSchema.parse({ resourceSpans: [resourceSpans] }),
    ).batch;
    expect(again).toEqual(toResourceSpans(request).batch);
  });

  it('summarizes a trace for the v3 search list', () => {
    expect(summarizeTrace(stored())).toEqual({
      traceId: TRACE,
      rootServiceName: 'reviews.demo-project',
      rootOperationName: 'reviews:9080/*',
      minStartTimeUnixNano: '1767225600000001500',
      maxEndTimeUnixNano: '1767225600004003999',
      spanCount: 2,
      errorSpanCount: 1,
      orphanSpanCount: 0,
      services: [{ name: 'reviews.demo-project', spanCount: 2, errorSpanCount: 1 }],
    });
  });
});
