import { z } from 'zod';

/**
 * The OTLP/JSON mapping of an ExportTraceServiceRequest (protobuf JSON with OTLP's exceptions:
 * trace and span ids are hex, not base64). Lenient where the protobuf JSON mapping is: enums as
 * numbers or names, 64-bit integers as decimal strings or numbers, every field optional. Ids are
 * checked per span later, so one bad span is rejected (partial success) instead of the request.
 */
// Numbers past 2^53 are already rounded by JSON.parse; they are accepted as the writer meant them.
const int64Schema = z.union([
  z.string().regex(/^-?\d+$/, 'expected a decimal integer'),
  z.number().refine(Number.isInteger, 'expected an integer'),
]);

/** doubles may be written as the strings "NaN", "Infinity", "-Infinity" (protobuf JSON). */
const doubleSchema = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);

export interface OtlpAnyValueJson {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | 'NaN' | 'Infinity' | '-Infinity';
  arrayValue?: { values?: OtlpAnyValueJson[] };
  kvlistValue?: { values?: OtlpKeyValueJson[] };
  bytesValue?: string;
}

export interface OtlpKeyValueJson {
  key: string;
  value?: OtlpAnyValueJson;
}

export const anyValueSchema: z.ZodType<OtlpAnyValueJson> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: int64Schema.optional(),
    doubleValue: doubleSchema.optional(),
    arrayValue: z.object({ values: z.array(anyValueSchema).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(keyValueSchema).optional() }).optional(),
    bytesValue: z.string().optional(),
  }),
);

export const keyValueSchema: z.ZodType<OtlpKeyValueJson> = z.lazy(() =>
  z.object({ key: z.string(), value: anyValueSchema.optional() }),
);

const attributesSchema = z.array(keyValueSchema).optional();

/** SpanKind: 0..5 or the enum names (SPAN_KIND_SERVER, ...). */
const spanKindSchema = z.union([
  z.number().int().min(0).max(5),
  z.enum([
    'SPAN_KIND_UNSPECIFIED',
    'SPAN_KIND_INTERNAL',
    'SPAN_KIND_SERVER',
    'SPAN_KIND_CLIENT',
    'SPAN_KIND_PRODUCER',
    'SPAN_KIND_CONSUMER',
  ]),
]);

const statusCodeSchema = z.union([
  z.number().int().min(0).max(2),
  z.enum(['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR']),
]);

export const otlpSpanSchema = z.object({
  traceId: z.string().optional(),
  spanId: z.string().optional(),
  traceState: z.string().optional(),
  parentSpanId: z.string().optional(),
  flags: z.number().int().optional(),
  name: z.string().optional(),
  kind: spanKindSchema.optional(),
  startTimeUnixNano: int64Schema.optional(),
  endTimeUnixNano: int64Schema.optional(),
  attributes: attributesSchema,
  events: z
    .array(
      z.object({
        timeUnixNano: int64Schema.optional(),
        name: z.string().optional(),
        attributes: attributesSchema,
      }),
    )
    .optional(),
  status: z
    .object({ code: statusCodeSchema.optional(), message: z.string().optional() })
    .optional(),
});

export const otlpTraceRequestSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes: attributesSchema }).optional(),
        scopeSpans: z
          .array(
            z.object({
              scope: z
                .object({ name: z.string().optional(), version: z.string().optional() })
                .optional(),
              spans: z.array(otlpSpanSchema).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** An ExportTraceServiceRequest in the OTLP/JSON mapping. */
export type OtlpTraceRequestJson = z.infer<typeof otlpTraceRequestSchema>;
export type OtlpSpanJson = z.infer<typeof otlpSpanSchema>;
