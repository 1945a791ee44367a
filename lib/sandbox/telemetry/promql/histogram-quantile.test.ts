import { describe, expect, it } from 'vitest';
import { bucketQuantile, type Bucket } from './histogram-quantile';
import { evaluateInstant } from './query';
import { storeFromSeries } from './series-fixture';

const buckets = (...pairs: Array<[number, number]>): Bucket[] =>
  pairs.map(([upperBound, count]) => ({ upperBound, count }));

const basic = buckets([1, 10], [2, 30], [4, 40], [Infinity, 40]);

/** Worked by hand from Prometheus 2.42's bucketQuantile; each also checked with promtool 2.42. */
describe('bucketQuantile', () => {
  it.each([
    // rank 20 falls in (1,2]: 1 + 1 x (20-10)/(30-10).
    ['median inside a bucket', 0.5, basic, 1.5],
    // rank 10 is exactly the first bucket's count: 0 + 1 x 10/10.
    ['first bucket starts at zero', 0.25, basic, 1],
    // rank 40 is reached in (2,4]: 2 + 2 x 10/10.
    ['q = 1 in the last finite bucket', 1, basic, 4],
    ['q = 0', 0, basic, 0],
    ['q > 1', 1.5, basic, Infinity],
    ['q < 0', -0.5, basic, -Infinity],
    ['NaN q', NaN, basic, NaN],
    // rank 5 of 10 lies in the +Inf bucket: the highest finite bound.
    ['rank in the +Inf bucket', 0.5, buckets([1, 1], [2, 2], [Infinity, 10]), 2],
    ['no observations', 0.5, buckets([1, 0], [Infinity, 0]), NaN],
    ['no +Inf bucket', 0.5, buckets([1, 3], [2, 5]), NaN],
    ['only the +Inf bucket', 0.5, buckets([Infinity, 7]), NaN],
    ['no buckets', 0.5, [], NaN],
    // 4 after 5 is raised to 5: rank 10 in (2,3]: 2 + 1 x (10-5)/(10-5).
    ['non-monotonic counts are fixed', 1, buckets([1, 5], [2, 4], [3, 10], [Infinity, 10]), 3],
    // First bound <= 0: the bound itself, no interpolation from 0.
    ['negative first bound', 0.5, buckets([-1, 5], [1, 10], [Infinity, 10]), -1],
    // "1" and "1.0" are one bucket of 2 + 2: rank 4 -> 1 x 4/4.
    ['equal bounds are merged', 0.5, buckets([1, 2], [1, 2], [2, 8], [Infinity, 8]), 1],
    ['unsorted input', 0.5, buckets([Infinity, 40], [4, 40], [1, 10], [2, 30]), 1.5],
  ])('%s', (_name, q, input, expected) => {
    expect(bucketQuantile(q, input)).toBe(expected);
  });
});

describe('histogram_quantile over series', () => {
  const store = storeFromSeries(
    [
      { name: 'h_bucket', labels: { k: 'basic', le: '1' }, values: [10] },
      { name: 'h_bucket', labels: { k: 'basic', le: '2' }, values: [30] },
      { name: 'h_bucket', labels: { k: 'basic', le: '4' }, values: [40] },
      { name: 'h_bucket', labels: { k: 'basic', le: '+Inf' }, values: [40] },
      { name: 'h_bucket', labels: { k: 'empty', le: '1' }, values: [0] },
      { name: 'h_bucket', labels: { k: 'empty', le: '+Inf' }, values: [0] },
      { name: 'h_bucket', labels: { k: 'nole' }, values: [3] },
    ],
    60_000,
  );

  it('groups buckets by their other labels, drops le and the name, skips series without le', () => {
    expect(evaluateInstant('histogram_quantile(0.5, h_bucket)', 0, store).result).toEqual([
      { metric: { k: 'basic' }, value: [0, '1.5'] },
      { metric: { k: 'empty' }, value: [0, 'NaN'] },
    ]);
  });

  it('takes the quantile from a scalar expression', () => {
    expect(
      evaluateInstant('histogram_quantile(1 - 0.75, sum by (le) (h_bucket{k="basic"}))', 0, store)
        .result,
    ).toEqual([{ metric: {}, value: [0, '1'] }]);
  });
});
