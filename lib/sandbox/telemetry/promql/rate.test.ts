import { describe, expect, it } from 'vitest';
import { evaluateInstant } from './query';
import { extrapolatedRate, instantRate } from './rate';
import { storeFromSeries } from './series-fixture';

/**
 * Every expected value is worked by hand from Prometheus 2.42's extrapolatedRate/instantValue and
 * was checked against `promtool test rules` of Prometheus 2.42 with the same input series
 * (samples every 15 s from t=0; "_" = no sample).
 */
const _ = undefined;
const store = storeFromSeries(
  [
    { name: 'a', labels: { c: 'A' }, values: [0, 10, 20, 30, 40] },
    { name: 'b', labels: { c: 'B' }, values: [100, 110, 120, 130, 140] },
    { name: 'r', labels: { c: 'C' }, values: [0, 10, 20, 5, 15] },
    { name: 'd', labels: { c: 'D' }, values: [_, _, _, _, 5, 10, 15, 20, 25] },
    { name: 'e', labels: { c: 'E' }, values: [_, _, _, _, 100, 105, 110, 115, 120] },
    { name: 'f', labels: { c: 'F' }, values: [_, _, _, _, 5, 11, 17, 23, 29] },
    { name: 'i', labels: { c: 'I' }, values: [0, 10, 20, 5] },
    { name: 'j', labels: { c: 'J' }, values: [0, 10, 25] },
  ],
  15_000,
);

function valueOf(query: string, timeMs: number): number | undefined {
  const data = evaluateInstant(query, timeMs, store);
  if (data.resultType !== 'vector') throw new Error(`expected a vector, got ${data.resultType}`);
  const [first] = data.result;
  return first === undefined ? undefined : Number(first.value[1]);
}

describe('rate, increase, irate as Prometheus 2.42', () => {
  it.each([
    // Window [0,60] holds all 5 samples, no gaps: increase 40 over 60 s.
    ['rate(a[1m])', 60_000, 40 / 60],
    ['increase(a[1m])', 60_000, 40],
    // Window [10,70]: 110..140 at 15..60; gaps 5 s and 10 s < 1.1 x 15 s -> 30 x (45+5+10)/45 = 40.
    ['increase(b[1m])', 70_000, 40],
    // Reset 20 -> 5 adds 20: 15 - 0 + 20 = 35 over a fully covered window.
    ['increase(r[1m])', 60_000, 35],
    // Window [30,120], 5..25 at 60..120: zero point 60 x 5/20 = 15 s < 30 s gap, and 15 < 16.5
    // -> 20 x (60+15)/60 = 25; rate divides by the 90 s range.
    ['increase(d[1m30s])', 120_000, 25],
    ['rate(d[1m30s])', 120_000, 25 / 90],
    // Same window, first value 100: zero point far away; 30 s gap >= 16.5 -> half an interval:
    // 20 x (60+7.5)/60 = 22.5.
    ['increase(e[1m30s])', 120_000, 22.5],
    // 2.42's order: zero point 60 x 5/24 = 12.5 replaces the 30 s gap BEFORE the threshold test,
    // so 12.5 (< 16.5) is added, not 7.5: 24 x (60+12.5)/60 = 29 (later Prometheus gives 27).
    ['increase(f[1m30s])', 120_000, 29],
    // Window [10,70] of a: 10..40 at 15..60, gaps 5 and 10 -> 30 x 60/45 = 40.
    ['increase(a[1m])', 70_000, 40],
    // Window [30,90]: 20,30,40 at 30..60; end gap 30 s >= 16.5 -> +7.5: 20 x 37.5/30 = 25.
    ['increase(a[1m])', 90_000, 25],
    // The offset moves the window to [0,60]: as rate(a[1m]) at 60 s.
    ['rate(a[1m] offset 30s)', 90_000, 40 / 60],
    // Window [40,60]: 30,40 at 45,60; start gap 5 s: 10 x (15+5)/15 = 13.33.. over 20 s.
    ['rate(a[20s])', 60_000, 40 / 60],
    // irate after a reset (20 -> 5) takes the last value: 5 / 15 s.
    ['irate(i[1m])', 45_000, 5 / 15],
    // irate: (25 - 10) / 15 s.
    ['irate(j[1m])', 30_000, 1],
  ])('%s at %d ms = %d', (query, timeMs, expected) => {
    expect(valueOf(query, timeMs)).toBeCloseTo(expected, 12);
  });

  it.each([
    // One sample in the window: no result.
    ['rate(a[10s])', 60_000],
    ['increase(d[1m])', 60_000],
    ['irate(a[10s])', 60_000],
    // Nothing in the window at all.
    ['rate(d[30s])', 30_000],
  ])('%s at %d ms gives no sample', (query, timeMs) => {
    expect(valueOf(query, timeMs)).toBeUndefined();
  });

  it('drops the metric name and keeps the other labels', () => {
    const data = evaluateInstant('rate(a[1m])', 60_000, store);
    expect(data.result).toEqual([{ metric: { c: 'A' }, value: [60, '0.6666666666666666'] }]);
  });
});

describe('the rate algorithm on raw windows', () => {
  const window = (times: number[], values: number[]) => ({ times, values, length: times.length });
  it.each([
    // Non-counter (delta-like) use: no reset correction, no zero limit: (5 - 20) x 60/30.
    [{ isCounter: false, isRate: false }, window([0, 15_000, 30_000], [20, 10, 5]), 0, 30_000, -15],
    // Counter, two resets: 3 - 5 + 9 + 4 = 11; window exactly covered.
    [
      { isCounter: true, isRate: false },
      window([0, 10_000, 20_000, 30_000], [5, 9, 4, 3]),
      0,
      30_000,
      11,
    ],
    // Counter starting at 0 two intervals after the window start: zero point at 0 s -> no start extrapolation.
    [
      { isCounter: true, isRate: false },
      window([20_000, 30_000, 40_000], [0, 10, 20]),
      0,
      40_000,
      20,
    ],
  ])('%o over %o', (options, samples, start, end, expected) => {
    expect(extrapolatedRate(samples, start, end, options)).toBeCloseTo(expected, 12);
  });

  it('irate of two samples at the same time gives nothing', () => {
    expect(instantRate(window([1000, 1000], [1, 2]))).toBeUndefined();
  });
});
