/**
 * The sandbox's trace backend: a SQLite span store (the sidecars' and Bookinfo services'
 * SpanSink), OTLP/HTTP ingestion (port 4318) and Jaeger's query API (port 16686).
 */
export {
  openTraceStore,
  TraceStore,
  type TraceStoreOptions,
  type DependencyLink,
  type StoredOperation,
} from './trace-store';
export { createOtlpHandler, type OtlpHandlerOptions } from './otlp-handler';
export { createJaegerQueryHandler, type JaegerQueryHandlerOptions } from './jaeger-handler';
export { encodeTraceRequestProtobuf } from './otlp-protobuf';
export type { TraceQuery } from './trace-query';
export type { StoredSpan, StoredResource } from './span-rows';
export type { OtlpTraceRequestJson } from './otlp-json-schema';
