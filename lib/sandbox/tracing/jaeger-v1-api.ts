import { JaegerParamError } from './jaeger-errors';
import { toJaegerTrace, type JaegerTrace } from './jaeger-v1-model';
import {
  normalizeTraceId,
  parseV1Dependencies,
  parseV1Operations,
  parseV1Search,
} from './jaeger-v1-params';
import { jaegerKind, kindOfNumber, kindNumberOfJaeger } from './span-kinds';
import type { TraceStore } from './trace-store';

/** An HTTP answer: status and JSON body. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** Jaeger's `{"data", "total", "limit", "offset", "errors"}` envelope of the /api endpoints. */
function envelope(data: unknown[]): JsonAnswer {
  return { status: 200, body: { data, total: data.length, limit: 0, offset: 0, errors: null } };
}

/** The envelope's error form: `data` null and one `{code, msg}`. */
export function v1Error(status: number, msg: string): JsonAnswer {
  return {
    status,
    body: { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] },
  };
}

function answer(compute: () => JsonAnswer): JsonAnswer {
  try {
    return compute();
  } catch (error) {
    if (error instanceof JaegerParamError) return v1Error(400, error.message);
    throw error;
  }
}

/**
 * Jaeger's v1 (UI-internal) query API over the store. `path` is below the base path, e.g.
 * `/api/traces/abc`; returns undefined for paths it does not serve.
 */
export function answerV1(
  store: TraceStore,
  path: string,
  params: URLSearchParams,
  nowMs: number,
): JsonAnswer | undefined {
  const segments = path.split('/').slice(1).map(decodeURIComponent);
  const [api, resource, id, tail] = segments;
  if (api !== 'api') return undefined;
  if (resource === 'services' && segments.length === 2) return envelope(store.services());
  if (resource === 'services' && segments.length === 4 && tail === 'operations') {
    return envelope([...new Set(store.operations(id!).map((operation) => operation.name))]);
  }
  if (resource === 'operations' && segments.length === 2) {
    return answer(() => {
      const { service, spanKind } = parseV1Operations(params);
      const kind = spanKind === undefined ? undefined : kindOfNumber(kindNumberOfJaeger(spanKind)!);
      return envelope(
        store
          .operations(service, kind)
          .map((operation) => ({ name: operation.name, spanKind: jaegerKind(operation.kind) })),
      );
    });
  }
  if (resource === 'traces' && segments.length === 2) {
    return answer(() => {
      const { query, traceIds } = parseV1Search(params, nowMs * 1000);
      const ids = traceIds.length ? traceIds : store.findTraceIds(query);
      const traces: JaegerTrace[] = [];
      for (const traceId of ids) {
        const spans = store.getTrace(traceId);
        if (spans.length) traces.push(toJaegerTrace(traceId, spans));
      }
      return envelope(traces);
    });
  }
  if (resource === 'traces' && segments.length === 3) {
    if (!/^[0-9a-fA-F]{1,32}$/.test(id!))
      return v1Error(400, `unable to parse param 'traceID': "${id}" is not a hex trace id`);
    const traceId = normalizeTraceId(id!);
    const spans = store.getTrace(traceId);
    return spans.length
      ? envelope([toJaegerTrace(traceId, spans)])
      : v1Error(404, 'trace not found');
  }
  if (resource === 'dependencies' && segments.length === 2) {
    return answer(() => {
      const { startUs, endUs } = parseV1Dependencies(params, nowMs);
      return envelope(store.dependencies(startUs, endUs));
    });
  }
  return undefined;
}
