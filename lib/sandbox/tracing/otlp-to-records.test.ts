import { describe, expect, it } from 'vitest';
import { otlpTraceRequestSchema } from './otlp-json-schema';
import { plainValue, toResourceSpans } from './otlp-to-records';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';

function request(
  span: Record<string, unknown>,
  resource: Array<Record<string, unknown>> = [
    { key: 'service.name', value: { stringValue: 'reviews' } },
  ],
) {
  return otlpTraceRequestSchema.parse({
    resourceSpans: [
      {
        resource: { attributes: resource },
        scopeSpans: [{ scope: { name: 'envoy', version: '1.27' }, spans: [span] }],
      },
    ],
  });
}

describe('plainValue', () => {
  it.each([
    [{ stringValue: 'v2' }, 'v2'],
    [{ boolValue: false }, false],
    [{ intValue: '200' }, 200],
    [{ intValue: 42 }, 42],
    [{ intValue: '9007199254740993' }, '9007199254740993'],
    [{ doubleValue: 0.25 }, 0.25],
    [{ doubleValue: 'NaN' }, NaN],
    [{ bytesValue: 'AQI=' }, 'AQI='],
    [{ arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } }, '["a",1]'],
    [{ kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } }, '{"k":true}'],
    [{}, undefined],
  ])('%j -> %j', (value, expected) => {
    expect(plainValue(value as never)).toEqual(expected);
  });
});

describe('toResourceSpans', () => {
  it('maps ids to lowercase hex, kinds and status codes by number or name, times and events', () => {
    const { batch, rejectedSpans } = toResourceSpans(
      request({
        traceId: TRACE.toUpperCase(),
        spanId: SPAN,
        parentSpanId: '0000000000000000',
        name: 'GET /reviews/0',
        kind: 'SPAN_KIND_SERVER',
        startTimeUnixNano: '1700000000000000123',
        endTimeUnixNano: '1700000000002000000',
        attributes: [{ key: 'http.status_code', value: { intValue: '503' } }],
        events: [
          {
            timeUnixNano: '1700000000001000000',
            name: 'retry',
            attributes: [{ key: 'attempt', value: { intValue: 2 } }],
          },
        ],
        status: { code: 2, message: 'upstream reset' },
      }),
    );
    expect(rejectedSpans).toBe(0);
    expect(batch).toEqual([
      {
        resource: { 'service.name': 'reviews' },
        scope: { name: 'envoy', version: '1.27' },
        spans: [
          {
            traceId: TRACE,
            spanId: SPAN,
            name: 'GET /reviews/0',
            kind: 'SERVER',
            startTimeUnixNano: '1700000000000000123',
            endTimeUnixNano: '1700000000002000000',
            attributes: { 'http.status_code': 503 },
            status: { code: 'ERROR', message: 'upstream reset' },
            events: [
              { timeUnixNano: '1700000000001000000', name: 'retry', attributes: { attempt: 2 } },
            ],
          },
        ],
      },
    ]);
  });

  it.each([
    [3, 'CLIENT'],
    ['SPAN_KIND_PRODUCER', 'PRODUCER'],
    [0, 'INTERNAL'],
    [undefined, 'INTERNAL'],
  ])('kind %j is %s', (kind, expected) => {
    const { batch } = toResourceSpans(request({ traceId: TRACE, spanId: SPAN, kind }));
    expect(batch[0]!.spans[0]!.kind).toBe(expected);
  });

  it('reads int64 times written as JSON numbers', () => {
    const { batch } = toResourceSpans(
      request({ traceId: TRACE, spanId: SPAN, startTimeUnixNano: 1_000, endTimeUnixNano: 2 ** 60 }),
    );
    expect(batch[0]!.spans[0]).toMatchObject({
      startTimeUnixNano: '1000',
      endTimeUnixNano: String(2n ** 60n),
    });
  });

  it('keeps a real parent, names a nameless resource unknown_service', () => {
    const { batch } = toResourceSpans(
      request({ traceId: TRACE, spanId: SPAN, parentSpanId: 'AAAAAAAAAAAAAAAA' }, []),
    );
    expect(batch[0]!.spans[0]!.parentSpanId).toBe('aaaaaaaaaaaaaaaa');
    expect(batch[0]!.resource['service.name']).toBe('unknown_service');
  });

  it.each([
    [{ spanId: SPAN }, 'invalid traceId'],
    [{ traceId: '0'.repeat(32), spanId: SPAN }, 'invalid traceId'],
    [{ traceId: TRACE, spanId: 'xyz' }, 'invalid spanId'],
    [{ traceId: TRACE, spanId: SPAN, parentSpanId: '123' }, 'invalid parentSpanId'],
  ])('rejects %j as a partial success', (span, message) => {
    const decoded = toResourceSpans(request(span));
    expect(decoded).toMatchObject({ batch: [], rejectedSpans: 1 });
    expect(decoded.errorMessage).toContain(message);
  });

  it('refuses shapes that are not OTLP', () => {
    expect(
      otlpTraceRequestSchema.safeParse({
        resourceSpans: [{ scopeSpans: [{ spans: [{ kind: 9 }] }] }],
      }).success,
    ).toBe(false);
    expect(otlpTraceRequestSchema.safeParse({ resourceSpans: 'x' }).success).toBe(false);
  });
});
