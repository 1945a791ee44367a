import protobuf from 'protobufjs';
import { otlpTraceDescriptor } from './otlp-proto-descriptor';
import type { OtlpTraceRequestJson } from './otlp-json-schema';

const root = protobuf.Root.fromJSON(otlpTraceDescriptor);
const requestType = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
);
const responseType = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
);
const statusType = root.lookupType('google.rpc.Status');

/** Id fields are bytes in protobuf and hex in OTLP/JSON; every other bytes field stays base64. */
const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

function mapIds(value: unknown, convert: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapIds(item, convert));
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] =
      ID_FIELDS.has(key) && typeof item === 'string' ? convert(item) : mapIds(item, convert);
  }
  return result;
}

/**
 * An ExportTraceServiceRequest body in protobuf as its OTLP/JSON mapping, so both encodings
 * share one validation and one conversion. Throws protobufjs' error on a malformed body.
 */
export function decodeTraceRequestProtobuf(body: Uint8Array): OtlpTraceRequestJson {
  const message = requestType.decode(body);
  const plain = requestType.toObject(message, {
    longs: String,
    enums: Number,
    bytes: String,
    defaults: false,
  });
  return mapIds(plain, (base64) =>
    Buffer.from(base64, 'base64').toString('hex'),
  ) as OtlpTraceRequestJson;
}

/** The protobuf body of an OTLP/JSON request: what an exporter sends (used by tests and benchmarks). */
export function encodeTraceRequestProtobuf(request: OtlpTraceRequestJson): Uint8Array {
  const withBytes = mapIds(request, (hex) => Buffer.from(hex, 'hex').toString('base64')) as Record<
    string,
    unknown
  >;
  return requestType.encode(requestType.fromObject(withBytes)).finish();
}

/** An ExportTraceServiceResponse, with partial_success only when spans were rejected. */
export function encodeTraceResponseProtobuf(
  rejectedSpans: number,
  errorMessage: string,
): Uint8Array {
  const body = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage } } : {};
  return responseType.encode(responseType.fromObject(body)).finish();
}

/** A protobuf ExportTraceServiceResponse as its JSON mapping (for tests reading answers). */
export function decodeTraceResponseProtobuf(body: Uint8Array): Record<string, unknown> {
  return responseType.toObject(responseType.decode(body), { longs: String });
}

/** A google.rpc.Status, the body OTLP/HTTP prescribes for errors. */
export function encodeStatusProtobuf(code: number, message: string): Uint8Array {
  return statusType.encode(statusType.fromObject({ code, message })).finish();
}

/** A protobuf google.rpc.Status as { code, message } (for tests reading error answers). */
export function decodeStatusProtobuf(body: Uint8Array): { code?: number; message?: string } {
  return statusType.toObject(statusType.decode(body)) as { code?: number; message?: string };
}
