/**
 * Spans as the sandbox's tracers hand them to its trace store, in the shape of OTLP's
 * ResourceSpans (JSON mapping): what OTLP/HTTP ingestion decodes to, and what the sidecars and
 * the Bookinfo services emit directly in-process.
 */
export type AttributeValue = string | number | boolean;

export interface SpanRecord {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
  /** Unix epoch nanoseconds as decimal strings (they exceed 2^53). */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Record<string, AttributeValue>;
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message?: string };
  events?: Array<{
    timeUnixNano: string;
    name: string;
    attributes?: Record<string, AttributeValue>;
  }>;
}

export interface ResourceSpans {
  /** Resource attributes; `service.name` is required (Jaeger's process.serviceName). */
  resource: Record<string, AttributeValue>;
  /** The instrumentation scope, e.g. "envoy" or "@opentelemetry/sdk-trace-base". */
  scope?: { name: string; version?: string };
  spans: SpanRecord[];
}

export interface SpanSink {
  export(batch: ResourceSpans[]): void;
}
