import { describe, expect, it } from 'vitest';
import { parseDurationMs } from './duration';

describe('parseDurationMs', () => {
  it.each<[string, number | undefined]>([
    ['7s', 7000],
    ['0.5s', 500],
    ['1.5s', 1500],
    ['100ms', 100],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h2m3s', 3_723_000],
    ['250us', 0.25],
    ['0s', 0],
    ['.5s', 500],
    ['', undefined],
    ['7', undefined],
    ['s', undefined],
    ['-1s', undefined],
    ['7 s', undefined],
    ['7sec', undefined],
  ])('%j is %j ms', (text, expected) => {
    expect(parseDurationMs(text)).toBe(expected);
  });
});
