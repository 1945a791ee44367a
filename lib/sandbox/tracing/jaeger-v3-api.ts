import { JaegerParamError } from './jaeger-errors';
import type { JsonAnswer } from './jaeger-v1-api';
import { normalizeTraceId } from './jaeger-v1-params';
import { checkV3GetTraceParams, parseV3FindTraces, parseV3Operations } from './jaeger-v3-params';
import { toOtlpResourceSpans } from './otlp-json-model';
import { jaegerKind, kindNumberOfJaeger, kindOfNumber } from './span-kinds';
import type { StoredSpan } from './span-rows';
import { summarizeTrace } from './trace-summary';
import type { TraceStore } from './trace-store';

/** The grpc-gateway error shape Jaeger's v3 HTTP API answers with. */
export function v3Error(status: number, message: string): JsonAnswer {
  return { status, body: { error: { httpCode: status, message } } };
}

function answer(compute: () => JsonAnswer): JsonAnswer {
  try {
    return compute();
  } catch (error) {
    if (error instanceof JaegerParamError) return v3Error(400, error.message);
    throw error;
  }
}

/** Traces as one `{"result": {"resourceSpans": [...]}}`, or 404 "No traces found" as Jaeger answers an empty result. */
function tracesAnswer(traces: StoredSpan[][]): JsonAnswer {
  const nonEmpty = traces.filter((spans) => spans.length > 0);
  if (nonEmpty.length === 0) return v3Error(404, 'No traces found');
  return {
    status: 200,
    body: { result: { resourceSpans: nonEmpty.flatMap(toOtlpResourceSpans) } },
  };
}

/**
 * Jaeger's v3 HTTP API over the store: services, operations, traces (search and by id, OTLP/JSON
 * in the gateway's `result` wrapper) and trace summaries. `path` is below the base path; returns
 * undefined for paths it does not serve.
 */
export function answerV3(
  store: TraceStore,
  path: string,
  params: URLSearchParams,
): JsonAnswer | undefined {
  const segments = path.split('/').slice(1).map(decodeURIComponent);
  if (segments[0] !== 'api' || segments[1] !== 'v3') return undefined;
  const [, , resource, id] = segments;
  if (resource === 'services' && segments.length === 3)
    return { status: 200, body: { services: store.services() } };
  if (resource === 'operations' && segments.length === 3) {
    return answer(() => {
      const { service, spanKind } = parseV3Operations(params);
      const kind = spanKind === undefined ? undefined : kindOfNumber(kindNumberOfJaeger(spanKind)!);
      const operations = store
        .operations(service, kind)
        .map((operation) => ({ name: operation.name, spanKind: jaegerKind(operation.kind) }));
      return { status: 200, body: { operations } };
    });
  }
  if (resource === 'traces' && segments.length === 3) {
    return answer(() => tracesAnswer(store.findTraces(parseV3FindTraces(params))));
  }
  if (resource === 'traces' && segments.length === 4) {
    if (!/^[0-9a-fA-F]{1,32}$/.test(id!))
      return v3Error(400, `malformed parameter trace_id: "${id}" is not a hex trace id`);
    return answer(() => {
      checkV3GetTraceParams(params);
      return tracesAnswer([store.getTrace(normalizeTraceId(id!))]);
    });
  }
  if (resource === 'trace-summaries' && segments.length === 3) {
    return answer(() => {
      const summaries = store
        .findTraces(parseV3FindTraces(params))
        .filter((spans) => spans.length > 0)
        .map(summarizeTrace);
      return { status: 200, body: { summaries } };
    });
  }
  return undefined;
}
