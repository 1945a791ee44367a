import { describe, expect, it } from 'vitest';
import { PromqlError } from './errors';
import { evaluateInstant, evaluateRange } from './query';
import { storeFromSeries } from './series-fixture';

/** Expected answers below are those of `promtool test rules` (Prometheus 2.42) on the same series. */
const store = storeFromSeries(
  [
    { name: 'req', labels: { app: 'a', code: '200', pod: 'a1' }, values: [10] },
    { name: 'req', labels: { app: 'a', code: '500', pod: 'a1' }, values: [2] },
    { name: 'req', labels: { app: 'b', code: '200', pod: 'b1' }, values: [4] },
    { name: 'lim', labels: { app: 'a', pod: 'a1' }, values: [20] },
    { name: 'lim', labels: { app: 'b', pod: 'b1' }, values: [0] },
    { name: 'info', labels: { app: 'a', team: 'x' }, values: [1] },
    { name: 'info', labels: { app: 'b', team: 'y' }, values: [1] },
    { name: 'zero', labels: { app: 'a', pod: 'a1' }, values: [0] },
  ],
  60_000,
);

/** A vector result as compact "labels value" strings, sorted. */
function vectorOf(query: string, timeMs = 0): string[] {
  const data = evaluateInstant(query, timeMs, store);
  if (data.resultType !== 'vector') throw new Error(`expected a vector, got ${data.resultType}`);
  return data.result.map((s) => `${JSON.stringify(s.metric)} ${s.value[1]}`).sort();
}

const A200 = '"app":"a","code":"200","pod":"a1"';
const A500 = '"app":"a","code":"500","pod":"a1"';
const B200 = '"app":"b","code":"200","pod":"b1"';

describe('vector matching and arithmetic', () => {
  it.each([
    ['req / ignoring(code) group_left lim', [`{${A200}} 0.5`, `{${A500}} 0.1`, `{${B200}} +Inf`]],
    [
      'req / on(app) group_left(team) info',
      [`{${A200},"team":"x"} 10`, `{${A500},"team":"x"} 2`, `{${B200},"team":"y"} 4`],
    ],
    [
      'info * on(app) group_right(team) req',
      [`{${A200},"team":"x"} 10`, `{${A500},"team":"x"} 2`, `{${B200},"team":"y"} 4`],
    ],
    ['sum by (app) (req) / on(app) sum by (app) (lim)', ['{"app":"a"} 0.6', '{"app":"b"} +Inf']],
    ['zero / ignoring(code) req{code="200"}', ['{"app":"a","pod":"a1"} 0']],
    ['lim / zero', ['{"app":"a","pod":"a1"} +Inf']],
    ['req / lim', []],
    ['x_missing + 1', []],
    ['-req{app="b"} % 3 ^ 2', [`{${B200}} -4`]],
    ['- req{app="b"} ^ 2', [`{${B200}} -16`]],
    ['req{app="b"} - req{app="b"}', [`{${B200}} 0`]],
  ])('%s', (query, expected) => {
    expect(vectorOf(query)).toEqual(expected);
  });

  it.each([
    [
      'req / ignoring(code) lim',
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    ],
    [
      'lim == on(app, pod) req',
      'found duplicate series for the match group {app="a", pod="a1"} on the right hand-side of the operation: ' +
        '[{__name__="req", app="a", code="500", pod="a1"}, {__name__="req", app="a", code="200", pod="a1"}];' +
        'many-to-many matching not allowed: matching labels must be unique on one side',
    ],
  ])('%s fails with an execution error', (query, message) => {
    expect(() => evaluateInstant(query, 0, store)).toThrow(
      expect.objectContaining({ errorType: 'execution', message }),
    );
  });
});

describe('comparisons, bool and set operators', () => {
  it.each([
    // Filtering keeps the metric name and the vector's own value, even with the scalar on the left.
    ['req > 3', [`{"__name__":"req",${A200}} 10`, `{"__name__":"req",${B200}} 4`]],
    ['3 < req', [`{"__name__":"req",${A200}} 10`, `{"__name__":"req",${B200}} 4`]],
    ['req{code=~"2.."} != 3', [`{"__name__":"req",${A200}} 10`, `{"__name__":"req",${B200}} 4`]],
    // bool gives 0/1 for every element and drops the name.
    ['req > bool 3', [`{${A200}} 1`, `{${A500}} 0`, `{${B200}} 1`]],
    [
      'lim >= bool ignoring(code) req{code="200"}',
      ['{"app":"a","pod":"a1"} 1', '{"app":"b","pod":"b1"} 0'],
    ],
    ['req and on(app) lim > 0', [`{"__name__":"req",${A200}} 10`, `{"__name__":"req",${A500}} 2`]],
    ['req unless on(app) lim > 0', [`{"__name__":"req",${B200}} 4`]],
    [
      'lim or req',
      [
        '{"__name__":"lim","app":"a","pod":"a1"} 20',
        '{"__name__":"lim","app":"b","pod":"b1"} 0',
        `{"__name__":"req",${A200}} 10`,
        `{"__name__":"req",${A500}} 2`,
        `{"__name__":"req",${B200}} 4`,
      ],
    ],
  ])('%s', (query, expected) => {
    expect(vectorOf(query)).toEqual(expected);
  });
});

describe('aggregations', () => {
  it.each([
    ['sum(req)', ['{} 16']],
    ['sum by (app) (req)', ['{"app":"a"} 12', '{"app":"b"} 4']],
    ['sum(req) by (app)', ['{"app":"a"} 12', '{"app":"b"} 4']],
    ['avg without (pod, code) (req)', ['{"app":"a"} 6', '{"app":"b"} 4']],
    ['count by (code) (req)', ['{"code":"200"} 2', '{"code":"500"} 1']],
    ['max(req) by (app)', ['{"app":"a"} 10', '{"app":"b"} 4']],
    ['min by (pod) (req)', ['{"pod":"a1"} 2', '{"pod":"b1"} 4']],
    ['min without () (req)', [`{${A200}} 10`, `{${A500}} 2`, `{${B200}} 4`]],
    ['sum by (__name__) (req)', ['{"__name__":"req"} 16']],
    ['sum by (nope) (req)', ['{} 16']],
    ['sum(nothing)', []],
  ])('%s', (query, expected) => {
    expect(vectorOf(query)).toEqual(expected);
  });
});

describe('scalars, literals and result types', () => {
  it.each([
    ['2 ^ 3 ^ 2', 'scalar', [0, '512']],
    ['-2 ^ 2', 'scalar', [0, '-4']],
    ['1 - -2 * 3', 'scalar', [0, '7']],
    ['0 / 0', 'scalar', [0, 'NaN']],
    ['-1 / 0', 'scalar', [0, '-Inf']],
    ['5 % -3', 'scalar', [0, '2']],
    ['1 == bool 1', 'scalar', [0, '1']],
    ['0x10 + 010', 'scalar', [0, '24']],
    ['(1 + 2) * 3', 'scalar', [0, '9']],
    ['"text"', 'string', [0, 'text']],
  ])('%s is a %s', (query, resultType, result) => {
    expect(evaluateInstant(query, 0, store)).toEqual({ resultType, result });
  });

  it('a range selector gives a matrix of raw samples with their own timestamps', () => {
    const counters = storeFromSeries([{ name: 'c', values: [1, 2, 3] }], 15_000);
    expect(evaluateInstant('c[30s]', 30_000, counters)).toEqual({
      resultType: 'matrix',
      result: [
        {
          metric: { __name__: 'c' },
          values: [
            [0, '1'],
            [15, '2'],
            [30, '3'],
          ],
        },
      ],
    });
  });
});

describe('selectors: matchers, lookback, offset, staleness', () => {
  const _ = undefined;
  const series = storeFromSeries(
    [
      { name: 'm', labels: { v: 'v1' }, values: [1, 2, 3] },
      { name: 'm', labels: { v: 'v10' }, values: [4, 5, 6] },
      { name: 'm', labels: { v: 'v2', extra: 'x' }, values: [7, 8, _] },
    ],
    60_000,
  );
  const at = (query: string, timeMs: number) =>
    (
      evaluateInstant(query, timeMs, series).result as Array<{
        metric: Record<string, string>;
        value: [number, string];
      }>
    )
      .map((s) => `${s.metric.v}=${s.value[1]}`)
      .sort();

  it.each([
    ['m', 120_000, ['v1=3', 'v10=6']],
    ['m{v="v1"}', 120_000, ['v1=3']],
    // Regexes are anchored: "v1" does not match "v10".
    ['m{v=~"v1"}', 120_000, ['v1=3']],
    ['m{v=~"v1.*"}', 120_000, ['v1=3', 'v10=6']],
    ['m{v!~"v1"}', 60_000, ['v10=5', 'v2=8']],
    ['m{v!="v1"}', 60_000, ['v10=5', 'v2=8']],
    // `extra=""` selects series without the label.
    ['m{extra=""}', 60_000, ['v1=2', 'v10=5']],
    ['{__name__="m", v=~"v2|v10"}', 60_000, ['v10=5', 'v2=8']],
    // v2 vanished at 120 s: its staleness marker hides it immediately, not after 5 minutes.
    ['m{v="v2"}', 120_000, []],
    // Lookback: the sample at 120 s is visible up to 120 + 300 s inclusive, not after.
    ['m{v="v1"}', 420_000, ['v1=3']],
    ['m{v="v1"}', 420_001, []],
    ['m offset 1m', 120_000, ['v1=2', 'v10=5', 'v2=8']],
    ['m offset 1m30s', 120_000, ['v1=1', 'v10=4', 'v2=7']],
  ])('%s at %d ms', (query, timeMs, expected) => {
    expect(at(query, timeMs)).toEqual([...expected].sort());
  });
});

describe('range queries', () => {
  const counters = storeFromSeries(
    [{ name: 'c', labels: { k: 'x' }, values: [0, 15, 30, 45, 60, 75, 90] }],
    15_000,
  );

  it('evaluates each step and returns a matrix sorted by labels', () => {
    // A constant 1/s counter: every full window gives exactly 1.
    expect(evaluateRange('rate(c[30s])', 30_000, 90_000, 30_000, counters)).toEqual({
      resultType: 'matrix',
      result: [
        {
          metric: { k: 'x' },
          values: [
            [30, '1'],
            [60, '1'],
            [90, '1'],
          ],
        },
      ],
    });
  });

  it('turns a scalar into one series without labels', () => {
    expect(evaluateRange('1 + 1', 0, 20_000, 10_000, counters).result).toEqual([
      {
        metric: {},
        values: [
          [0, '2'],
          [10, '2'],
          [20, '2'],
        ],
      },
    ]);
  });

  it.each([
    [
      'c[1m]',
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    ],
    ['"s"', 'invalid expression type "string" for range query, must be Scalar or instant Vector'],
  ])('refuses %s', (query, message) => {
    expect(() => evaluateRange(query, 0, 60_000, 15_000, counters)).toThrow(
      new PromqlError('bad_data', message),
    );
  });
});
