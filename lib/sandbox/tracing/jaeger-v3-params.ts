import { z } from 'zod';
import { firstIssueMessage, JaegerParamError } from './jaeger-errors';
import { DEFAULT_SEARCH_LIMIT } from './jaeger-v1-params';
import { parseGoDurationNs, parseRfc3339Micros } from './go-time';
import { kindNumberOfJaeger } from './span-kinds';
import type { TraceQuery } from './trace-query';

/** A v3 parameter under its snake_case name or the camelCase spelling newer Jaeger prefers. */
function param(
  params: URLSearchParams,
  ...names: string[]
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = params.get(name);
    if (value !== null && value !== '') return { name, value };
  }
  return undefined;
}

function malformed(name: string, detail: string): string {
  return `malformed parameter ${name}: ${detail}`;
}

const timeParam = z.object({ name: z.string(), value: z.string() }).transform((input, context) => {
  const micros = parseRfc3339Micros(input.value);
  if (micros === undefined) {
    context.addIssue({
      code: 'custom',
      message: malformed(input.name, `parsing time "${input.value}" as RFC 3339 failed`),
    });
    return z.NEVER;
  }
  return micros;
});

const durationParam = z
  .object({ name: z.string(), value: z.string() })
  .transform((input, context) => {
    const nanos = parseGoDurationNs(input.value);
    if (nanos === undefined) {
      context.addIssue({
        code: 'custom',
        message: malformed(input.name, `time: invalid duration "${input.value}"`),
      });
      return z.NEVER;
    }
    return nanos;
  });

const depthParam = z.object({ name: z.string(), value: z.string() }).transform((input, context) => {
  if (!/^\d+$/.test(input.value)) {
    context.addIssue({
      code: 'custom',
      message: malformed(input.name, `strconv.ParseUint: parsing "${input.value}": invalid syntax`),
    });
    return z.NEVER;
  }
  return Number(input.value);
});

const attributesParam = z.string().transform((text, context) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    context.addIssue({
      code: 'custom',
      message: malformed(
        'query.attributes',
        error instanceof Error ? error.message : String(error),
      ),
    });
    return z.NEVER;
  }
  const map = z.record(z.string(), z.string()).safeParse(parsed);
  if (!map.success) {
    context.addIssue({
      code: 'custom',
      message: malformed('query.attributes', 'expected a JSON object of string values'),
    });
    return z.NEVER;
  }
  return map.data;
});

const findTracesSchema = z.object({
  startMin: timeParam.optional(),
  startMax: timeParam.optional(),
  durationMin: durationParam.optional(),
  durationMax: durationParam.optional(),
  depth: depthParam.optional(),
  attributes: attributesParam.optional(),
});

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new JaegerParamError(firstIssueMessage(parsed.error));
  return parsed.data;
}

/**
 * The parameters of `GET /api/v3/traces` and `/api/v3/trace-summaries` as Jaeger's HTTP gateway
 * reads them (snake_case, or camelCase): RFC 3339 start bounds (both required), Go durations,
 * `query.search_depth` (alias `query.num_traces`) as the trace limit, `query.attributes` as a
 * JSON object. Throws JaegerParamError with the gateway's message.
 */
export function parseV3FindTraces(params: URLSearchParams): TraceQuery {
  const startMin = param(params, 'query.start_time_min', 'query.startTimeMin');
  const startMax = param(params, 'query.start_time_max', 'query.startTimeMax');
  if (!startMin || !startMax)
    throw new JaegerParamError('query.start_time_min and query.start_time_max are required');
  const raw = parseWith(findTracesSchema, {
    startMin,
    startMax,
    durationMin: param(params, 'query.duration_min', 'query.durationMin'),
    durationMax: param(params, 'query.duration_max', 'query.durationMax'),
    depth: param(params, 'query.search_depth', 'query.searchDepth', 'query.num_traces'),
    attributes: param(params, 'query.attributes')?.value,
  });
  const service = param(params, 'query.service_name', 'query.serviceName')?.value;
  const operation = param(params, 'query.operation_name', 'query.operationName')?.value;
  return {
    startMinUs: raw.startMin,
    startMaxUs: raw.startMax,
    limit: raw.depth || DEFAULT_SEARCH_LIMIT,
    ...(service !== undefined ? { service } : {}),
    ...(operation !== undefined ? { operation } : {}),
    ...(raw.attributes && Object.keys(raw.attributes).length ? { tags: raw.attributes } : {}),
    ...(raw.durationMin !== undefined ? { durationMinNs: raw.durationMin } : {}),
    ...(raw.durationMax !== undefined ? { durationMaxNs: raw.durationMax } : {}),
  };
}

/** `service` (required) and `span_kind` / `spanKind` of `GET /api/v3/operations`. */
export function parseV3Operations(params: URLSearchParams): { service: string; spanKind?: string } {
  const service = param(params, 'service')?.value;
  if (service === undefined) throw new JaegerParamError('parameter service is required');
  const spanKind = param(params, 'span_kind', 'spanKind');
  if (spanKind && kindNumberOfJaeger(spanKind.value) === undefined) {
    throw new JaegerParamError(
      malformed(spanKind.name, `unsupported span kind "${spanKind.value}"`),
    );
  }
  return { service, ...(spanKind ? { spanKind: spanKind.value } : {}) };
}

/** Checks the optional `start_time` / `end_time` bounds of `GET /api/v3/traces/{id}`. */
export function checkV3GetTraceParams(params: URLSearchParams): void {
  parseWith(z.object({ start: timeParam.optional(), end: timeParam.optional() }), {
    start: param(params, 'start_time', 'startTime'),
    end: param(params, 'end_time', 'endTime'),
  });
}
