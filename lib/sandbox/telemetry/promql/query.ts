import { formatPrometheusValue } from '../metrics/go-float';
import { compareLabels, labelsKey, type Labels } from '../metrics/labels';
import type { SampleStore } from '../metrics/sample-store';
import { describeType, typeOf } from './ast';
import { badData } from './errors';
import { Evaluator, type InstantValue } from './evaluator';
import { parsePromql } from './parse';

/** A point as Prometheus' JSON writes it: [unix seconds, "value"]. */
export type JsonPoint = [number, string];

export interface JsonVectorSample {
  metric: Labels;
  value: JsonPoint;
}

export interface JsonMatrixSeries {
  metric: Labels;
  values: JsonPoint[];
}

/** The `data` of a successful /api/v1/query or /api/v1/query_range. */
export type QueryData =
  | { resultType: 'vector'; result: JsonVectorSample[] }
  | { resultType: 'matrix'; result: JsonMatrixSeries[] }
  | { resultType: 'scalar'; result: JsonPoint }
  | { resultType: 'string'; result: [number, string] };

/** Prometheus writes timestamps as seconds with millisecond precision. */
function seconds(timeMs: number): number {
  return timeMs / 1000;
}

/** Prometheus writes a label set's keys in sorted order. */
function sortedKeys(labels: Labels): Labels {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels).sort()) out[name] = labels[name] as string;
  return out;
}

function point(timeMs: number, value: number): JsonPoint {
  return [seconds(timeMs), formatPrometheusValue(value)];
}

function sortedByLabels<T extends { metric: Labels }>(items: T[]): T[] {
  return items.sort((a, b) => compareLabels(a.metric, b.metric));
}

function toQueryData(value: InstantValue, timeMs: number): QueryData {
  switch (value.type) {
    case 'scalar':
      return { resultType: 'scalar', result: point(timeMs, value.value) };
    case 'string':
      return { resultType: 'string', result: [seconds(timeMs), value.value] };
    case 'vector':
      return {
        resultType: 'vector',
        result: sortedByLabels(
          value.samples.map((s) => ({
            metric: sortedKeys(s.labels),
            value: point(timeMs, s.value),
          })),
        ),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: sortedByLabels(
          value.series.map((s) => ({
            metric: sortedKeys(s.labels),
            values: s.points.map(([t, v]) => point(t, v)),
          })),
        ),
      };
  }
}

/**
 * An instant query (/api/v1/query) at `timeMs`, in Prometheus' JSON result shape. Throws a
 * PromqlError (bad_data for the query, execution for evaluation failures).
 */
export function evaluateInstant(query: string, timeMs: number, store: SampleStore): QueryData {
  const expr = parsePromql(query);
  return toQueryData(new Evaluator(store).evaluate(expr, timeMs), timeMs);
}

/**
 * A range query (/api/v1/query_range): the expression at start, start + step, ... <= end, as a
 * matrix sorted by labels (a scalar expression gives one series with no labels). Only scalar and
 * instant-vector expressions are allowed, as in Prometheus.
 */
export function evaluateRange(
  query: string,
  startMs: number,
  endMs: number,
  stepMs: number,
  store: SampleStore,
): { resultType: 'matrix'; result: JsonMatrixSeries[] } {
  const expr = parsePromql(query);
  const type = typeOf(expr);
  if (type !== 'scalar' && type !== 'vector') {
    throw badData(
      `invalid expression type "${describeType(type)}" for range query, must be Scalar or instant Vector`,
    );
  }
  const evaluator = new Evaluator(store);
  const series = new Map<string, JsonMatrixSeries>();
  const add = (metric: Labels, timeMs: number, value: number): void => {
    const key = labelsKey(metric);
    let entry = series.get(key);
    if (!entry) series.set(key, (entry = { metric: sortedKeys(metric), values: [] }));
    entry.values.push(point(timeMs, value));
  };
  for (let t = startMs; t <= endMs; t += stepMs) {
    const value = evaluator.evaluate(expr, t);
    if (value.type === 'scalar') add({}, t, value.value);
    else if (value.type === 'vector')
      for (const sample of value.samples) add(sample.labels, t, sample.value);
  }
  return { resultType: 'matrix', result: sortedByLabels([...series.values()]) };
}
