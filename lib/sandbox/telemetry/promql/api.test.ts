import { describe, expect, it } from 'vitest';
import {
  instantQueryAnswer,
  labelNamesAnswer,
  labelValuesAnswer,
  rangeQueryAnswer,
  seriesAnswer,
} from './api';
import { parseStepMs } from './durations';
import { parseTimeMs } from './api-params';
import { storeFromSeries } from './series-fixture';

const store = storeFromSeries(
  [
    { name: 'up', labels: { job: 'a' }, values: [1, 1, 1] },
    { name: 'req', labels: { job: 'b', code: '200' }, values: [1, 2, 3] },
  ],
  60_000,
  1_700_000_000_000,
);
const params = (entries: Record<string, string | string[]>) => {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(entries))
    for (const v of [value].flat()) out.append(key, v);
  return out;
};

describe('query parameters', () => {
  it.each([
    ['1700000000', 1_700_000_000_000],
    ['1700000000.123', 1_700_000_000_123],
    ['1700000000.1236', 1_700_000_000_124],
    ['2023-11-14T22:13:20Z', 1_700_000_000_000],
    ['2023-11-14T22:13:20.5Z', 1_700_000_000_500],
    ['2023-11-15T00:13:20+02:00', 1_700_000_000_000],
    ['yesterday', undefined],
    ['2023-11-14 22:13:20', undefined],
  ])('time %s', (text, expected) => {
    expect(parseTimeMs(text)).toBe(expected);
  });

  it.each([
    ['15', 15_000],
    ['0.5', 500],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['5x', undefined],
  ])('step %s', (text, expected) => {
    expect(parseStepMs(text)).toBe(expected);
  });
});

describe('API answers', () => {
  it('wraps an instant query in the success envelope', () => {
    expect(instantQueryAnswer(params({ query: 'up', time: '1700000060' }), store, 0)).toEqual({
      httpStatus: 200,
      body: {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: { __name__: 'up', job: 'a' }, value: [1700000060, '1'] }],
        },
      },
    });
  });

  it('defaults the evaluation time to now', () => {
    const answer = instantQueryAnswer(params({ query: 'req' }), store, 1_700_000_120_000);
    expect(answer.body).toMatchObject({ data: { result: [{ value: [1700000120, '3'] }] } });
  });

  it('answers a range query as a matrix', () => {
    const answer = rangeQueryAnswer(
      params({ query: 'req', start: '1700000000', end: '1700000120', step: '60' }),
      store,
    );
    expect(answer.body).toEqual({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { __name__: 'req', code: '200', job: 'b' },
            values: [
              [1700000000, '1'],
              [1700000060, '2'],
              [1700000120, '3'],
            ],
          },
        ],
      },
    });
  });

  it.each([
    [
      { query: 'abs(up)' },
      400,
      'bad_data',
      'invalid parameter "query": the function "abs" is not supported by the Aviary sandbox\'s Prometheus',
    ],
    [
      { query: 'up[5m:1m]' },
      400,
      'bad_data',
      'invalid parameter "query": a subquery is not supported by the Aviary sandbox\'s Prometheus',
    ],
    [
      { query: 'sum(up' },
      400,
      'bad_data',
      'invalid parameter "query": 1:7: parse error: unclosed left parenthesis',
    ],
    [
      { query: 'up', time: 'soon' },
      400,
      'bad_data',
      'invalid parameter "time": cannot parse "soon" to a valid timestamp',
    ],
    [{ query: 'up / ignoring(job) req' }, 200, undefined, undefined],
    [{ query: 'req + ignoring(code, job) group_left up' }, 200, undefined, undefined],
    [{ query: 'up{job="a"} or req / on() up' }, 200, undefined, undefined],
  ])('instant %o -> %d %s', (query, httpStatus, errorType, error) => {
    const answer = instantQueryAnswer(params({ time: '1700000120', ...query }), store, 0);
    expect(answer.httpStatus).toBe(httpStatus);
    if (errorType) expect(answer.body).toEqual({ status: 'error', errorType, error });
  });

  it('reports an evaluation failure as execution with 422', () => {
    const twoSided = storeFromSeries(
      [
        { name: 'x', labels: { a: '1', b: '1' }, values: [1] },
        { name: 'x', labels: { a: '1', b: '2' }, values: [1] },
      ],
      60_000,
    );
    const answer = instantQueryAnswer(params({ query: 'x * on(a) x', time: '0' }), twoSided, 0);
    expect(answer.httpStatus).toBe(422);
    expect(answer.body).toMatchObject({ status: 'error', errorType: 'execution' });
  });

  it.each([
    [{ start: '10', end: '5', step: '1' }, 'end timestamp must not be before start time'],
    [
      { start: '0', end: '5', step: '0' },
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    ],
    [
      { start: '0', end: '5', step: 'often' },
      'invalid parameter "step": cannot parse "often" to a valid duration',
    ],
    [
      { start: 'x', end: '5', step: '1' },
      'invalid parameter "start": cannot parse "x" to a valid timestamp',
    ],
    [
      { start: '0', end: '11001', step: '1' },
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    ],
    [
      { start: '0', end: '60', step: '1', query: 'up[1m]' },
      'invalid parameter "query": invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    ],
  ])('range %o is refused: %s', (query, error) => {
    const answer = rangeQueryAnswer(params({ query: 'up', ...query }), store);
    expect(answer).toEqual({
      httpStatus: 400,
      body: { status: 'error', errorType: 'bad_data', error },
    });
  });

  it('allows exactly 11,000 points', () => {
    expect(
      rangeQueryAnswer(params({ query: '1', start: '0', end: '11000', step: '1' }), store)
        .httpStatus,
    ).toBe(200);
  });
});

describe('metadata endpoints', () => {
  it.each([
    [{ 'match[]': 'up' }, [{ __name__: 'up', job: 'a' }]],
    [
      { 'match[]': ['up', '{job=~"a|b"}'] },
      [
        { __name__: 'req', code: '200', job: 'b' },
        { __name__: 'up', job: 'a' },
      ],
    ],
    [{ 'match[]': 'up', end: '1699999999' }, []],
  ])('series %o', (query, data) => {
    expect(seriesAnswer(params(query), store).body).toEqual({ status: 'success', data });
  });

  it.each([
    [{}, 'no match[] parameter provided'],
    [
      { 'match[]': 'rate(up[1m])' },
      'invalid parameter "match[]": expected a series selector, got "rate(up[1m])"',
    ],
  ])('series %o is refused', (query, error) => {
    expect(seriesAnswer(params(query), store).body).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error,
    });
  });

  it('lists label names and values', () => {
    expect(labelNamesAnswer(params({}), store).body).toEqual({
      status: 'success',
      data: ['__name__', 'code', 'job'],
    });
    expect(labelNamesAnswer(params({ 'match[]': 'up' }), store).body).toEqual({
      status: 'success',
      data: ['__name__', 'job'],
    });
    expect(labelValuesAnswer('__name__', params({}), store).body).toEqual({
      status: 'success',
      data: ['req', 'up'],
    });
    expect(labelValuesAnswer('job', params({ 'match[]': 'req' }), store).body).toEqual({
      status: 'success',
      data: ['b'],
    });
    expect(labelValuesAnswer('0bad', params({}), store).body).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error: 'invalid label name: "0bad"',
    });
  });
});
