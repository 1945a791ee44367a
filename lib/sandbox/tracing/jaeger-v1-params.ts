import { z } from 'zod';
import { firstIssueMessage, JaegerParamError } from './jaeger-errors';
import { parseGoDurationNs } from './go-time';
import { kindNumberOfJaeger } from './span-kinds';
import { parseTagFilter } from './tag-filter';
import type { TraceQuery } from './trace-query';

/** Jaeger's defaults: 100 traces per search, 24 h back when no start is given, 24 h of dependencies. */
export const DEFAULT_SEARCH_LIMIT = 100;
const DEFAULT_LOOKBACK_US = 24 * 3600 * 1e6;
const DEFAULT_DEPENDENCY_LOOKBACK_MS = 24 * 3600 * 1000;

const integerParam = (name: string) =>
  z
    .string()
    .regex(/^-?\d+$/, {
      error: (issue) =>
        `unable to parse param '${name}': "${String(issue.input)}" is not an integer`,
    })
    .transform(Number);

const durationParam = (name: string) =>
  z.string().transform((text, context) => {
    const nanos = parseGoDurationNs(text);
    if (nanos === undefined) {
      context.addIssue({
        code: 'custom',
        message: `unable to parse param '${name}': time: invalid duration "${text}"`,
      });
      return z.NEVER;
    }
    return nanos;
  });

const searchSchema = z.object({
  service: z.string().optional(),
  operation: z.string().optional(),
  start: integerParam('start').optional(),
  end: integerParam('end').optional(),
  lookback: z.string().optional(),
  minDuration: durationParam('minDuration').optional(),
  maxDuration: durationParam('maxDuration').optional(),
  limit: z
    .string()
    .regex(/^\d+$/, {
      error: (issue) =>
        `unable to parse param 'limit': "${String(issue.input)}" is not a non-negative integer`,
    })
    .transform(Number)
    .optional(),
  tags: z.array(z.string()),
  tag: z.array(z.string()),
  traceID: z.array(
    z.string().regex(/^[0-9a-fA-F]{1,32}$/, {
      error: (issue) =>
        `unable to parse param 'traceID': "${String(issue.input)}" is not a hex trace id`,
    }),
  ),
});

/** Jaeger reads empty parameters as absent. */
function present(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === '' ? undefined : value;
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new JaegerParamError(firstIssueMessage(parsed.error));
  return parsed.data;
}

/** A Jaeger trace id of up to 32 hex digits as the store's 32 lowercase digits. */
export function normalizeTraceId(id: string): string {
  return id.toLowerCase().padStart(32, '0');
}

export interface V1Search {
  query: TraceQuery;
  /** `traceID=` parameters: fetch these traces instead of searching. */
  traceIds: string[];
}

/**
 * The parameters of `GET /api/traces` as Jaeger's query parser reads them: start/end in µs
 * (start defaults to end minus `lookback`, a Go duration, or 24 h), Go durations for
 * min/maxDuration, `tags` as JSON or logfmt and `tag=key:value`, limit 100 by default,
 * `service` required unless traceIDs are given. Throws JaegerParamError with Jaeger's message.
 */
export function parseV1Search(params: URLSearchParams, nowUs: number): V1Search {
  const raw = parseWith(searchSchema, {
    service: present(params, 'service'),
    operation: present(params, 'operation'),
    start: present(params, 'start'),
    end: present(params, 'end'),
    lookback: present(params, 'lookback'),
    minDuration: present(params, 'minDuration'),
    maxDuration: present(params, 'maxDuration'),
    limit: present(params, 'limit'),
    tags: params.getAll('tags').filter(Boolean),
    tag: params.getAll('tag').filter(Boolean),
    traceID: params.getAll('traceID').filter(Boolean),
  });
  const tags: Record<string, string> = {};
  for (const text of raw.tags) {
    const parsed = parseTagFilter(text);
    if (typeof parsed === 'string') throw new JaegerParamError(parsed);
    Object.assign(tags, parsed);
  }
  for (const text of raw.tag) {
    const colon = text.indexOf(':');
    if (colon <= 0)
      throw new JaegerParamError(
        `malformed 'tag' parameter, expecting key:value, received: ${text}`,
      );
    tags[text.slice(0, colon)] = text.slice(colon + 1);
  }
  const traceIds = raw.traceID.map(normalizeTraceId);
  if (traceIds.length === 0 && raw.service === undefined)
    throw new JaegerParamError(`parameter 'service' is required`);
  if (
    raw.minDuration !== undefined &&
    raw.maxDuration !== undefined &&
    raw.maxDuration < raw.minDuration
  ) {
    throw new JaegerParamError(`'maxDuration' should be greater than 'minDuration'`);
  }
  const endUs = raw.end ?? nowUs;
  const lookbackNs =
    raw.lookback !== undefined && raw.lookback !== 'custom'
      ? parseGoDurationNs(raw.lookback)
      : undefined;
  const startUs =
    raw.start ?? endUs - (lookbackNs !== undefined ? lookbackNs / 1000 : DEFAULT_LOOKBACK_US);
  const query: TraceQuery = {
    startMinUs: startUs,
    startMaxUs: endUs,
    limit: raw.limit ?? DEFAULT_SEARCH_LIMIT,
    ...(raw.service !== undefined ? { service: raw.service } : {}),
    ...(raw.operation !== undefined ? { operation: raw.operation } : {}),
    ...(Object.keys(tags).length ? { tags } : {}),
    ...(raw.minDuration !== undefined ? { durationMinNs: raw.minDuration } : {}),
    ...(raw.maxDuration !== undefined ? { durationMaxNs: raw.maxDuration } : {}),
  };
  return { query, traceIds };
}

/** `service` (required) and `spanKind` (optional, Jaeger's lowercase kind) of `GET /api/operations`. */
export function parseV1Operations(params: URLSearchParams): { service: string; spanKind?: string } {
  const service = present(params, 'service');
  if (service === undefined) throw new JaegerParamError(`parameter 'service' is required`);
  const spanKind = present(params, 'spanKind');
  if (spanKind !== undefined && kindNumberOfJaeger(spanKind) === undefined) {
    throw new JaegerParamError(
      `unsupported spanKind "${spanKind}": expected server, client, producer, consumer or internal`,
    );
  }
  return { service, ...(spanKind !== undefined ? { spanKind } : {}) };
}

/** `endTs` and `lookback` (both ms) of `GET /api/dependencies`, as a µs window. */
export function parseV1Dependencies(
  params: URLSearchParams,
  nowMs: number,
): { startUs: number; endUs: number } {
  const raw = parseWith(
    z.object({
      endTs: integerParam('endTs').optional(),
      lookback: integerParam('lookback').optional(),
    }),
    {
      endTs: present(params, 'endTs'),
      lookback: present(params, 'lookback'),
    },
  );
  const endMs = raw.endTs ?? nowMs;
  const lookbackMs = raw.lookback ?? DEFAULT_DEPENDENCY_LOOKBACK_MS;
  return { startUs: (endMs - lookbackMs) * 1000, endUs: endMs * 1000 };
}
