import { compareLabels, type Labels } from '../metrics/labels';
import type { SampleStore, StoredSeries } from '../metrics/sample-store';
import { parseInstantQueryParams, parseRangeQueryParams, parseSeriesParams } from './api-params';
import { badData, HTTP_STATUS_OF_ERROR, PromqlError, type PromqlErrorType } from './errors';
import { parsePromql } from './parse';
import { evaluateInstant, evaluateRange } from './query';

/** An HTTP answer of the Prometheus API: the status code and the JSON body. */
export interface ApiAnswer<T = unknown> {
  readonly httpStatus: number;
  readonly body:
    { status: 'success'; data: T } | { status: 'error'; errorType: PromqlErrorType; error: string };
}

/** `{"status":"success","data":...}` with 200. */
export function apiResponse<T>(data: T): ApiAnswer<T> {
  return { httpStatus: 200, body: { status: 'success', data } };
}

/**
 * `{"status":"error","errorType":...,"error":...}` with Prometheus' status for the type (400
 * bad_data, 422 execution); anything that is not a PromqlError is an internal error (500).
 */
export function apiError(error: unknown): ApiAnswer<never> {
  const known =
    error instanceof PromqlError
      ? error
      : new PromqlError('internal', error instanceof Error ? error.message : String(error));
  return {
    httpStatus: HTTP_STATUS_OF_ERROR[known.errorType],
    body: { status: 'error', errorType: known.errorType, error: known.message },
  };
}

/** Query errors are reported against the `query` parameter, as Prometheus wraps them. */
function asQueryParameterError(error: unknown): unknown {
  if (error instanceof PromqlError && error.errorType === 'bad_data') {
    return new PromqlError('bad_data', `invalid parameter "query": ${error.message}`);
  }
  return error;
}

function answer<T>(compute: () => T): ApiAnswer<T> {
  try {
    return apiResponse(compute());
  } catch (error) {
    return apiError(error);
  }
}

/** GET|POST /api/v1/query: params `query` and `time` (default `nowMs`). */
export function instantQueryAnswer(
  params: URLSearchParams,
  store: SampleStore,
  nowMs: number,
): ApiAnswer {
  return answer(() => {
    const { query, timeMs } = parseInstantQueryParams(params, nowMs);
    try {
      return evaluateInstant(query, timeMs, store);
    } catch (error) {
      throw asQueryParameterError(error);
    }
  });
}

/** GET|POST /api/v1/query_range: params `query`, `start`, `end`, `step`. */
export function rangeQueryAnswer(params: URLSearchParams, store: SampleStore): ApiAnswer {
  return answer(() => {
    const { query, startMs, endMs, stepMs } = parseRangeQueryParams(params);
    try {
      return evaluateRange(query, startMs, endMs, stepMs, store);
    } catch (error) {
      throw asQueryParameterError(error);
    }
  });
}

function selectedSeries(
  store: SampleStore,
  selectors: readonly string[],
  startMs: number,
  endMs: number,
): StoredSeries[] {
  const found = new Map<string, StoredSeries>();
  for (const selector of selectors) {
    let expr;
    try {
      expr = parsePromql(selector);
    } catch (error) {
      throw badData(
        `invalid parameter "match[]": ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (expr.kind !== 'vectorSelector' || expr.offsetMs !== 0) {
      throw badData(`invalid parameter "match[]": expected a series selector, got "${selector}"`);
    }
    for (const series of store.select(expr.matchers)) {
      if (!found.has(series.key) && store.hasSamplesBetween(series, startMs, endMs))
        found.set(series.key, series);
    }
  }
  return [...found.values()];
}

/** The label sets of the series any selector matches with a sample in [startMs, endMs] (/api/v1/series). */
export function seriesMatching(
  store: SampleStore,
  selectors: readonly string[],
  startMs: number,
  endMs: number,
): Labels[] {
  if (selectors.length === 0) throw badData('no match[] parameter provided');
  return selectedSeries(store, selectors, startMs, endMs)
    .map((series) => series.labels)
    .sort(compareLabels);
}

/** Every series of the store as a selector would see it: `{__name__=~".+"}`. */
const ALL_SERIES = ['{__name__=~".+"}'];

/** Sorted label names of the matched series (all series without selectors) (/api/v1/labels). */
export function labelNames(
  store: SampleStore,
  selectors: readonly string[],
  startMs: number,
  endMs: number,
): string[] {
  const names = new Set<string>();
  for (const series of selectedSeries(
    store,
    selectors.length ? selectors : ALL_SERIES,
    startMs,
    endMs,
  )) {
    for (const name of Object.keys(series.labels)) names.add(name);
  }
  return [...names].sort();
}

/** Sorted values of one label over the matched series (/api/v1/label/NAME/values). */
export function labelValues(
  store: SampleStore,
  name: string,
  selectors: readonly string[],
  startMs: number,
  endMs: number,
): string[] {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) throw badData(`invalid label name: "${name}"`);
  const values = new Set<string>();
  for (const series of selectedSeries(
    store,
    selectors.length ? selectors : ALL_SERIES,
    startMs,
    endMs,
  )) {
    const value = series.labels[name];
    if (value !== undefined) values.add(value);
  }
  return [...values].sort();
}

/** GET|POST /api/v1/series. */
export function seriesAnswer(params: URLSearchParams, store: SampleStore): ApiAnswer<Labels[]> {
  return answer(() => {
    const { selectors, startMs, endMs } = parseSeriesParams(params);
    return seriesMatching(store, selectors, startMs, endMs);
  });
}

/** GET|POST /api/v1/labels. */
export function labelNamesAnswer(params: URLSearchParams, store: SampleStore): ApiAnswer<string[]> {
  return answer(() => {
    const { selectors, startMs, endMs } = parseSeriesParams(params);
    return labelNames(store, selectors, startMs, endMs);
  });
}

/** GET /api/v1/label/NAME/values (`__name__` lists metric names). */
export function labelValuesAnswer(
  name: string,
  params: URLSearchParams,
  store: SampleStore,
): ApiAnswer<string[]> {
  return answer(() => {
    const { selectors, startMs, endMs } = parseSeriesParams(params);
    return labelValues(store, name, selectors, startMs, endMs);
  });
}
