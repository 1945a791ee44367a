import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bookinfoTraceRequest } from './bookinfo-trace.fixture';
import { otlpTraceRequestSchema } from './otlp-json-schema';
import {
  decodeStatusProtobuf,
  decodeTraceRequestProtobuf,
  decodeTraceResponseProtobuf,
  encodeStatusProtobuf,
  encodeTraceRequestProtobuf,
  encodeTraceResponseProtobuf,
} from './otlp-protobuf';
import { toResourceSpans } from './otlp-to-records';

describe('OTLP protobuf', () => {
  const json = bookinfoTraceRequest('0af7651916cd43dd8448eb211c80319c', 1_700_000_000_000_000);

  it('decodes what it encodes to the same records as the JSON mapping', () => {
    const decoded = decodeTraceRequestProtobuf(encodeTraceRequestProtobuf(json));
    expect(toResourceSpans(otlpTraceRequestSchema.parse(decoded))).toEqual(toResourceSpans(json));
  });

  it('keeps every attribute type, events, status and 64-bit times exactly', () => {
    const request = otlpTraceRequestSchema.parse({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'ratings' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: 'ffffffffffffffffffffffffffffffff',
                  spanId: 'ffffffffffffffff',
                  parentSpanId: '0102030405060708',
                  name: 'op',
                  kind: 4,
                  startTimeUnixNano: '18446744073709551615',
                  endTimeUnixNano: '18446744073709551615',
                  attributes: [
                    { key: 's', value: { stringValue: 'x' } },
                    { key: 'b', value: { boolValue: true } },
                    { key: 'i', value: { intValue: '-9007199254740993' } },
                    { key: 'd', value: { doubleValue: 1.5 } },
                    { key: 'y', value: { bytesValue: 'AAEC' } },
                    { key: 'a', value: { arrayValue: { values: [{ intValue: '1' }] } } },
                  ],
                  events: [{ timeUnixNano: '5', name: 'e' }],
                  status: { code: 1 },
                },
              ],
            },
          ],
        },
      ],
    });
    const decoded = decodeTraceRequestProtobuf(encodeTraceRequestProtobuf(request));
    expect(toResourceSpans(otlpTraceRequestSchema.parse(decoded)).batch[0]!.spans[0]).toEqual({
      traceId: 'ffffffffffffffffffffffffffffffff',
      spanId: 'ffffffffffffffff',
      parentSpanId: '0102030405060708',
      name: 'op',
      kind: 'PRODUCER',
      startTimeUnixNano: '18446744073709551615',
      endTimeUnixNano: '18446744073709551615',
      attributes: { s: 'x', b: true, i: '-9007199254740993', d: 1.5, y: 'AAEC', a: '[1]' },
      events: [{ timeUnixNano: '5', name: 'e' }],
      status: { code: 'OK' },
    });
  });

  it('survives gzip', () => {
    const body = encodeTraceRequestProtobuf(json);
    expect(decodeTraceRequestProtobuf(gunzipSync(gzipSync(body)))).toEqual(
      decodeTraceRequestProtobuf(body),
    );
  });

  it('throws on a body that is not protobuf', () => {
    expect(() =>
      decodeTraceRequestProtobuf(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])),
    ).toThrow();
  });

  it('encodes responses and statuses', () => {
    expect(decodeTraceResponseProtobuf(encodeTraceResponseProtobuf(0, ''))).toEqual({});
    expect(decodeTraceResponseProtobuf(encodeTraceResponseProtobuf(2, 'bad id'))).toEqual({
      partialSuccess: { rejectedSpans: '2', errorMessage: 'bad id' },
    });
    expect(decodeStatusProtobuf(encodeStatusProtobuf(3, 'nope'))).toEqual({
      code: 3,
      message: 'nope',
    });
  });
});
