import { describe, expect, it } from 'vitest';
import { parsePromql } from './parse';

describe('parsePromql: what the evaluator receives', () => {
  it.each([
    ['foo[1m30s]', { kind: 'matrixSelector', rangeMs: 90_000 }],
    ['foo[2h]', { kind: 'matrixSelector', rangeMs: 7_200_000 }],
    ['foo[500ms]', { kind: 'matrixSelector', rangeMs: 500 }],
    ['foo offset 5m', { kind: 'vectorSelector', offsetMs: 300_000 }],
    [
      'rate(foo[5m] offset 1h)',
      {
        kind: 'rateCall',
        func: 'rate',
        arg: { rangeMs: 300_000, selector: { offsetMs: 3_600_000 } },
      },
    ],
    [
      'sum without (a, b) (foo)',
      { kind: 'aggregation', op: 'sum', without: true, grouping: ['a', 'b'] },
    ],
    ['count(foo) by (a)', { kind: 'aggregation', op: 'count', without: false, grouping: ['a'] }],
    [
      'a / on(x) group_left(y) b',
      {
        kind: 'binary',
        op: '/',
        matching: { card: 'many-to-one', on: true, labels: ['x'], include: ['y'] },
      },
    ],
    [
      'a - ignoring(x) group_right b',
      {
        kind: 'binary',
        op: '-',
        matching: { card: 'one-to-many', on: false, labels: ['x'], include: [] },
      },
    ],
    ['a and b', { kind: 'binary', op: 'and', matching: { card: 'many-to-many' } }],
    ['a > bool 1', { kind: 'binary', op: '>', returnBool: true }],
    ['-Inf', { kind: 'number', value: -Infinity }],
    ['NaN', { kind: 'number', value: NaN }],
    ['1e3', { kind: 'number', value: 1000 }],
    ["'a\\tb'", { kind: 'string', value: 'a\tb' }],
    ['`raw\\n`', { kind: 'string', value: 'raw\\n' }],
    ['"\\u00e9\\x41"', { kind: 'string', value: 'éA' }],
  ])('%s', (query, shape) => {
    expect(parsePromql(query)).toMatchObject(shape);
  });

  it('puts the metric name first as a __name__ matcher', () => {
    const expr = parsePromql('foo{a="b",c=~"x|y"}');
    if (expr.kind !== 'vectorSelector') throw new Error('expected a selector');
    expect(expr.matchers.map((m) => `${m.name}${m.op}${m.value}`)).toEqual([
      '__name__=foo',
      'a=b',
      'c=~x|y',
    ]);
  });
});

describe('refused queries are bad_data with a message naming the problem', () => {
  it.each([
    // Valid PromQL the sandbox does not evaluate.
    ['abs(foo)', 'the function "abs" is not supported'],
    ['topk(3, foo)', 'the aggregation "topk" is not supported'],
    ['quantile(0.9, foo)', 'the aggregation "quantile" is not supported'],
    ['rate(foo[5m:1m])', 'a subquery is not supported'],
    ['foo @ 1609746000', 'the @ modifier is not supported'],
    ['foo offset -5m', 'a negative offset is not supported'],
    ['foo[1m+2s]', 'duration arithmetic in a range'],
    ['{"foo"="bar"}', 'a quoted label name is not supported'],
    ['1m', 'a duration used as a number ("1m") is not supported'],
    // Invalid for Prometheus 2.42 too, with its own words.
    ['rate(foo[5m]', '1:13: parse error: unclosed left parenthesis'],
    ['sum(foo', '1:8: parse error: unclosed left parenthesis'],
    ['foo{a="b"', '1:10: parse error: unexpected end of input inside braces'],
    ['foo{a="b)"', '1:11: parse error: unexpected end of input inside braces'],
    ['', '1:1: parse error: no expression found in input'],
    ['rate(foo)', 'expected type range vector in call to function "rate", got instant vector'],
    ['rate(foo[1m], foo[1m])', 'expected 1 argument(s) in call to "rate", got 2'],
    [
      'histogram_quantile(0.9, foo[5m])',
      'expected type instant vector in call to function "histogram_quantile", got range vector',
    ],
    ['sum(foo[5m])', 'expected type instant vector in aggregation expression, got range vector'],
    ['foo[5m] + 1', 'binary expression must contain only scalar and instant vector types'],
    ['1 > 2', 'comparisons between scalars must use BOOL modifier'],
    ['foo + bool foo', 'bool modifier can only be used on comparison operators'],
    ['1 and foo', 'set operator "and" not allowed in binary scalar expression'],
    ['foo and on(a) group_left foo', 'no grouping allowed for "and" operation'],
    ['foo / on(a) group_left(a) foo', 'label "a" must not occur in ON and GROUP clause at once'],
    ['1 + on(a) foo', 'vector matching only allowed between instant vectors'],
    ['{a=""}', 'vector selector must contain at least one non-empty matcher'],
    ['{a=~".*"}', 'vector selector must contain at least one non-empty matcher'],
    ['foo{__name__="bar"}', 'metric name must not be set twice: "foo" or "bar"'],
    ['foo{a=~"(?=x)"}', 'error parsing regexp'],
    ['(foo)[5m]', 'ranges only allowed for vector selectors'],
    ['foo offset 1m offset 2m', '1:1: parse error: offset may not be set multiple times'],
    [
      '-foo[5m]',
      '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"',
    ],
  ])('%s', (query, message) => {
    expect(() => parsePromql(query)).toThrow(
      expect.objectContaining({ errorType: 'bad_data', message: expect.stringContaining(message) }),
    );
  });
});
