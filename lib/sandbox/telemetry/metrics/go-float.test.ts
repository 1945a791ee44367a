import { describe, expect, it } from 'vitest';
import { formatPrometheusValue, parseGoFloat } from './go-float';

describe('Go float text', () => {
  it.each([
    [1, '1'],
    [0.5, '0.5'],
    [1 / 3, '0.3333333333333333'],
    [1e-6, '0.000001'],
    [1e-7, '1e-07'],
    [1.5e-10, '1.5e-10'],
    [1e21, '1e+21'],
    [123456789012345680000, '123456789012345680000'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [-0, '-0'],
    [0, '0'],
  ])('formats %d as %s', (value, text) => {
    expect(formatPrometheusValue(value)).toBe(text);
  });

  it.each([
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['inf', Infinity],
    ['NaN', NaN],
    ['1e3', 1000],
    ['3600000', 3600000],
    ['.5', 0.5],
    ['0x10', undefined],
    ['', undefined],
    ['1,5', undefined],
  ])('parses %s', (text, value) => {
    expect(parseGoFloat(text)).toBe(value);
  });
});
