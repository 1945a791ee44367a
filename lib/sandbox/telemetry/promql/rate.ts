import type { RateFunction } from './ast';

/** Samples of one series in a range window: the first `length` entries, times in ms, ascending. */
export interface WindowSamples {
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly length: number;
}

/**
 * `rate` and `increase` exactly as Prometheus 2.42 computes them (promql/functions.go,
 * extrapolatedRate for floats):
 * - the increase is last - first, plus the value before every drop (a counter reset);
 * - it is extrapolated towards each window boundary by the gap to that boundary when the gap is
 *   under 1.1 x the average sample interval, else by half an average interval;
 * - towards the start, a counter is not extrapolated below zero: when the zero point (by the
 *   observed slope) is nearer than the start boundary, it replaces that gap (2.42 applies this
 *   before the threshold test);
 * - `rate` divides by the range in seconds.
 * Fewer than two samples give no result (undefined).
 */
export function extrapolatedRate(
  window: WindowSamples,
  rangeStartMs: number,
  rangeEndMs: number,
  options: { isCounter: boolean; isRate: boolean },
): number | undefined {
  const { times, values, length } = window;
  if (length < 2) return undefined;
  const firstTime = times[0] as number;
  const firstValue = values[0] as number;
  const lastTime = times[length - 1] as number;
  let result = (values[length - 1] as number) - firstValue;
  if (options.isCounter) {
    let previous = firstValue;
    for (let i = 1; i < length; i++) {
      const current = values[i] as number;
      if (current < previous) result += previous;
      previous = current;
    }
  }

  let durationToStart = (firstTime - rangeStartMs) / 1000;
  const durationToEnd = (rangeEndMs - lastTime) / 1000;
  const sampledInterval = (lastTime - firstTime) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (length - 1);

  if (options.isCounter && result > 0 && firstValue >= 0) {
    const durationToZero = sampledInterval * (firstValue / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }

  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval +=
    durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval +=
    durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;

  let factor = extrapolateToInterval / sampledInterval;
  if (options.isRate) factor /= (rangeEndMs - rangeStartMs) / 1000;
  return result * factor;
}

/**
 * `irate` as Prometheus 2.42 computes it (instantValue): the per-second change between the last
 * two samples, the last value alone after a reset; no result with fewer than two samples.
 */
export function instantRate(window: WindowSamples): number | undefined {
  const { times, values, length } = window;
  if (length < 2) return undefined;
  const last = values[length - 1] as number;
  const previous = values[length - 2] as number;
  const interval = (times[length - 1] as number) - (times[length - 2] as number);
  if (interval === 0) return undefined;
  const change = last < previous ? last : last - previous;
  return change / (interval / 1000);
}

/** The value of `rate`, `irate` or `increase` over one window, or undefined for no sample. */
export function rateFunction(
  func: RateFunction,
  window: WindowSamples,
  rangeStartMs: number,
  rangeEndMs: number,
): number | undefined {
  if (func === 'irate') return instantRate(window);
  return extrapolatedRate(window, rangeStartMs, rangeEndMs, {
    isCounter: true,
    isRate: func === 'rate',
  });
}
