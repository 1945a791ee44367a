import { describe, expect, it } from 'vitest';
import { parseGoDurationNs, parseRfc3339Micros } from './go-time';

describe('parseGoDurationNs', () => {
  it.each([
    ['1.2s', 1_200_000_000],
    ['100ms', 100_000_000],
    ['500us', 500_000],
    ['500µs', 500_000],
    ['250ns', 250],
    ['1h30m', 5_400_000_000_000],
    ['1m0.5s', 60_500_000_000],
    ['0', 0],
    ['.5s', 500_000_000],
  ])('%s is %d ns', (text, nanos) => {
    expect(parseGoDurationNs(text)).toBe(nanos);
  });

  it.each(['', '10', 'ms', '1x', '1 s', '1S', 'abc'])('rejects %j', (text) => {
    expect(parseGoDurationNs(text)).toBeUndefined();
  });
});

describe('parseRfc3339Micros', () => {
  it.each([
    ['2026-01-02T03:04:05Z', Date.UTC(2026, 0, 2, 3, 4, 5) * 1000],
    ['2026-01-02T03:04:05.123456789Z', Date.UTC(2026, 0, 2, 3, 4, 5) * 1000 + 123_456],
    ['2026-01-02T05:04:05+02:00', Date.UTC(2026, 0, 2, 3, 4, 5) * 1000],
  ])('%s', (text, micros) => {
    expect(parseRfc3339Micros(text)).toBe(micros);
  });

  it.each(['2026-01-02', '1700000000', '2026-01-02 03:04:05Z', '2026-13-02T03:04:05Z'])(
    'rejects %j',
    (text) => {
      expect(parseRfc3339Micros(text)).toBeUndefined();
    },
  );
});
