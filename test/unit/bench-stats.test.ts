import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../bench/support/stats';

describe('percentile (nearest rank)', () => {
  it.each([
    { samples: [5], p: 50, expected: 5 },
    { samples: [5], p: 99, expected: 5 },
    { samples: [1, 2, 3, 4], p: 50, expected: 2 },
    { samples: [4, 3, 2, 1], p: 75, expected: 3 },
    { samples: Array.from({ length: 100 }, (_, i) => i + 1), p: 99, expected: 99 },
    { samples: Array.from({ length: 100 }, (_, i) => i + 1), p: 100, expected: 100 },
    { samples: Array.from({ length: 1000 }, (_, i) => 1000 - i), p: 99, expected: 990 },
    { samples: [3, 1, 2], p: 0, expected: 1 },
  ])('p$p of $samples.length samples is $expected', ({ samples, p, expected }) => {
    expect(percentile(samples, p)).toBe(expected);
  });

  it('refuses an empty sample', () => {
    expect(() => median([])).toThrow('no samples');
  });
});
