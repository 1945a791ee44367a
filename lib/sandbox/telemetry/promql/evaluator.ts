import { parseGoFloat } from '../metrics/go-float';
import { withoutMetricName, type Labels } from '../metrics/labels';
import {
  createSampleBuffer,
  type SampleBuffer,
  type SampleStore,
  type StoredSeries,
} from '../metrics/sample-store';
import type { Expr, HistogramQuantileCall, MatrixSelector, RateCall, VectorSelector } from './ast';
import { aggregate } from './aggregate';
import { scalarBinary, setOperation, vectorBinary, vectorScalarBinary } from './binary';
import { executionError } from './errors';
import { bucketQuantile, type Bucket } from './histogram-quantile';
import { rateFunction } from './rate';
import { assertUniqueLabelsets, matchingSignature, type Sample, type Vector } from './vector';

/** Prometheus' default lookback delta: an instant selector sees samples up to 5 minutes old. */
export const LOOKBACK_DELTA_MS = 5 * 60 * 1000;

/** A series of a range-vector value: raw samples with their own timestamps (ms). */
export interface RangeSeries {
  readonly labels: Labels;
  readonly points: Array<readonly [number, number]>;
}

/** What an expression gives at one evaluation time. */
export type InstantValue =
  | { readonly type: 'scalar'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'vector'; readonly samples: Vector }
  | { readonly type: 'matrix'; readonly series: RangeSeries[] };

/**
 * Evaluates one parsed expression at any number of times over one store. Series lookups are
 * done once per selector and reused for every step; one sample buffer serves every range read.
 */
export class Evaluator {
  private readonly seriesOfSelector = new Map<VectorSelector, StoredSeries[]>();
  private readonly namelessLabels = new WeakMap<StoredSeries, Labels>();
  private readonly buffer: SampleBuffer = createSampleBuffer();

  constructor(private readonly store: SampleStore) {}

  /** The value of `expr` at `timeMs`. */
  evaluate(expr: Expr, timeMs: number): InstantValue {
    switch (expr.kind) {
      case 'number':
        return { type: 'scalar', value: expr.value };
      case 'string':
        return { type: 'string', value: expr.value };
      case 'matrixSelector':
        return { type: 'matrix', series: this.rawRange(expr, timeMs) };
      default: {
        if (expr.kind === 'binary' && !expr.matching && this.isScalar(expr)) {
          return { type: 'scalar', value: this.scalar(expr, timeMs) };
        }
        if (expr.kind === 'unaryMinus' && this.isScalar(expr.expr))
          return { type: 'scalar', value: -this.scalar(expr.expr, timeMs) };
        return { type: 'vector', samples: this.vector(expr, timeMs) };
      }
    }
  }

  private isScalar(expr: Expr): boolean {
    if (expr.kind === 'number') return true;
    if (expr.kind === 'unaryMinus') return this.isScalar(expr.expr);
    return expr.kind === 'binary' && this.isScalar(expr.lhs) && this.isScalar(expr.rhs);
  }

  private scalar(expr: Expr, timeMs: number): number {
    if (expr.kind === 'number') return expr.value;
    if (expr.kind === 'unaryMinus') return -this.scalar(expr.expr, timeMs);
    if (expr.kind === 'binary')
      return scalarBinary(expr.op, this.scalar(expr.lhs, timeMs), this.scalar(expr.rhs, timeMs));
    throw executionError(`expected a scalar, got ${expr.kind}`);
  }

  private vector(expr: Expr, timeMs: number): Vector {
    switch (expr.kind) {
      case 'vectorSelector':
        return this.instantSelector(expr, timeMs);
      case 'rateCall':
        return this.rate(expr, timeMs);
      case 'histogramQuantile':
        return this.histogramQuantile(expr, timeMs);
      case 'aggregation':
        return aggregate(expr.op, this.vector(expr.expr, timeMs), expr.grouping, expr.without);
      case 'unaryMinus':
        return this.vector(expr.expr, timeMs).map((s) => ({
          labels: withoutMetricName(s.labels),
          value: -s.value,
        }));
      case 'binary':
        return this.binary(expr, timeMs);
      default:
        throw executionError(`expected an instant vector, got ${expr.kind}`);
    }
  }

  private binary(expr: Extract<Expr, { kind: 'binary' }>, timeMs: number): Vector {
    const { op, lhs, rhs, returnBool, matching } = expr;
    let result: Vector;
    if (this.isScalar(lhs)) {
      result = vectorScalarBinary(
        op,
        this.vector(rhs, timeMs),
        this.scalar(lhs, timeMs),
        true,
        returnBool,
      );
    } else if (this.isScalar(rhs)) {
      result = vectorScalarBinary(
        op,
        this.vector(lhs, timeMs),
        this.scalar(rhs, timeMs),
        false,
        returnBool,
      );
    } else if (op === 'and' || op === 'or' || op === 'unless') {
      return setOperation(
        op,
        this.vector(lhs, timeMs),
        this.vector(rhs, timeMs),
        matching ?? { card: 'many-to-many', on: false, labels: [], include: [] },
      );
    } else {
      const oneToOne = { card: 'one-to-one', on: false, labels: [], include: [] } as const;
      result = vectorBinary(
        op,
        this.vector(lhs, timeMs),
        this.vector(rhs, timeMs),
        matching ?? oneToOne,
        returnBool,
      );
    }
    assertUniqueLabelsets(result);
    return result;
  }

  private series(selector: VectorSelector): StoredSeries[] {
    let series = this.seriesOfSelector.get(selector);
    if (!series) {
      series = this.store.select(selector.matchers);
      this.seriesOfSelector.set(selector, series);
    }
    return series;
  }

  private nameless(series: StoredSeries): Labels {
    let labels = this.namelessLabels.get(series);
    if (!labels) {
      labels = withoutMetricName(series.labels);
      this.namelessLabels.set(series, labels);
    }
    return labels;
  }

  private instantSelector(selector: VectorSelector, timeMs: number): Vector {
    const out: Sample[] = [];
    const refTime = timeMs - selector.offsetMs;
    for (const series of this.series(selector)) {
      const found = this.store.sampleAt(series, refTime, LOOKBACK_DELTA_MS);
      if (found) out.push({ labels: series.labels, value: found.value });
    }
    return out;
  }

  private rawRange(matrix: MatrixSelector, timeMs: number): RangeSeries[] {
    const end = timeMs - matrix.selector.offsetMs;
    const out: RangeSeries[] = [];
    for (const series of this.series(matrix.selector)) {
      const samples = this.store.rangeSamples(series, end - matrix.rangeMs, end, this.buffer);
      if (samples.length === 0) continue;
      const points: Array<readonly [number, number]> = [];
      for (let i = 0; i < samples.length; i++)
        points.push([samples.times[i] as number, samples.values[i] as number]);
      out.push({ labels: series.labels, points });
    }
    return out;
  }

  private rate(call: RateCall, timeMs: number): Vector {
    const end = timeMs - call.arg.selector.offsetMs;
    const start = end - call.arg.rangeMs;
    const out: Sample[] = [];
    for (const series of this.series(call.arg.selector)) {
      const value = rateFunction(
        call.func,
        this.store.rangeSamples(series, start, end, this.buffer),
        start,
        end,
      );
      if (value !== undefined) out.push({ labels: this.nameless(series), value });
    }
    assertUniqueLabelsets(out);
    return out;
  }

  private histogramQuantile(call: HistogramQuantileCall, timeMs: number): Vector {
    const q = this.scalar(call.quantile, timeMs);
    const histograms = new Map<string, { labels: Labels; buckets: Bucket[] }>();
    for (const sample of this.vector(call.buckets, timeMs)) {
      const upperBound = parseGoFloat(sample.labels.le ?? '');
      // Prometheus skips samples without a parsable `le`.
      if (upperBound === undefined) continue;
      const key = matchingSignature(sample.labels, false, ['le']) + (sample.labels.__name__ ?? '');
      let histogram = histograms.get(key);
      if (!histogram) {
        const { le: _le, ...rest } = withoutMetricName(sample.labels);
        histograms.set(key, (histogram = { labels: rest, buckets: [] }));
      }
      histogram.buckets.push({ upperBound, count: sample.value });
    }
    const out: Sample[] = [];
    for (const { labels, buckets } of histograms.values())
      out.push({ labels, value: bucketQuantile(q, buckets) });
    assertUniqueLabelsets(out);
    return out;
  }
}
