import { describe, expect, it } from 'vitest';
import type { BookinfoSample } from './bookinfo-networking.fixture';
import { routeRequest } from './route-request';
import {
  bookinfoConfig,
  configWith,
  constantRandom,
  describeDecision,
  meshRequest,
  reviewsWith,
} from './routing.fixture';
import { seededRandom } from './seeded-random';
import type { RoutingConfig } from './types';
import { chooseWeighted } from './weighted-choice';

function weighted(...weights: (number | undefined)[]): RoutingConfig {
  const route = weights.map((weight, index) => ({
    destination: { host: 'reviews', subset: `v${index + 1}` },
    ...(weight === undefined ? {} : { weight }),
  }));
  return configWith(reviewsWith({ route }));
}

describe('routeRequest: weights', () => {
  it.each<[string, RoutingConfig, number, string]>([
    ['weights 1:3 (sum 4) first quarter', weighted(1, 3), 0.2499, 'reviews/v1'],
    ['weights 1:3 (sum 4) rest', weighted(1, 3), 0.25, 'reviews/v2'],
    ['weights 30:30:40 (sum 100) middle', weighted(30, 30, 40), 0.45, 'reviews/v2'],
    ['weights 20:20 (sum 40) second', weighted(20, 20), 0.5, 'reviews/v2'],
    ['zero weight first: never chosen', weighted(0, 100), 0, 'reviews/v2'],
    ['zero weight last: never chosen', weighted(100, 0), 0.9999, 'reviews/v1'],
    ['zero weight in the middle', weighted(50, 0, 50), 0.5, 'reviews/v3'],
    [
      'a destination without weight among weighted ones gets nothing',
      weighted(undefined, 50),
      0,
      'reviews/v2',
    ],
    ['a single destination gets all, whatever its weight', weighted(10), 0.99, 'reviews/v1'],
    ['a single destination with weight 0 still gets all', weighted(0), 0.5, 'reviews/v1'],
    ['a single destination without weight gets all', weighted(undefined), 0.5, 'reviews/v1'],
    ['all-zero weights: no cluster to send to', weighted(0, 0), 0.5, '503 NC'],
  ])('%s', (_name, config, draw, expected) => {
    expect(describeDecision(routeRequest(meshRequest(), config, constantRandom(draw)))).toBe(
      expected,
    );
  });

  // Pearson's chi-square with 1 degree of freedom; 10.828 is the 0.1 % critical value.
  it.each<[string, BookinfoSample | [number, number], number]>([
    ['50/50 (Bookinfo v2-v3)', 'virtual-service-reviews-v2-v3', 0.5],
    ['90/10 (Bookinfo 90-10)', 'virtual-service-reviews-90-10', 0.9],
    ['99/1', [99, 1], 0.99],
  ])(
    'splits %s within the chi-square bound at the 0.1 percent level over 2,000 requests',
    (_name, source, firstShare) => {
      const config = typeof source === 'string' ? bookinfoConfig(source) : weighted(...source);
      const random = seededRandom(20240611);
      const draws = 2000;
      let first = 0;
      const subsets = new Set<string>();
      for (let i = 0; i < draws; i += 1) {
        const decision = routeRequest(meshRequest(), config, random);
        if (decision.kind !== 'route') throw new Error(`unexpected ${decision.kind}`);
        subsets.add(decision.destination.subset ?? '');
        if (
          decision.destination.subset ===
          (typeof source === 'string' && source.endsWith('v2-v3') ? 'v2' : 'v1')
        )
          first += 1;
      }
      const expectedFirst = draws * firstShare;
      const expectedSecond = draws - expectedFirst;
      const chiSquare =
        (first - expectedFirst) ** 2 / expectedFirst +
        (draws - first - expectedSecond) ** 2 / expectedSecond;
      expect(subsets.size).toBe(2);
      expect(chiSquare).toBeLessThan(10.828);
    },
  );
});

describe('chooseWeighted', () => {
  it.each<[string, { weight?: number }[], number, number | undefined]>([
    ['one entry, no draw needed', [{}], 0.7, 0],
    ['last unit of the total', [{ weight: 1 }, { weight: 1 }], 0.9999999, 1],
    ['a draw of exactly 0', [{ weight: 0 }, { weight: 5 }, { weight: 5 }], 0, 1],
    ['negative weights count as zero', [{ weight: -5 }, { weight: 5 }], 0, 1],
    ['no entries', [], 0.5, undefined],
    ['all zero', [{ weight: 0 }, {}], 0.5, undefined],
  ])('%s', (_name, entries, draw, expected) => {
    expect(chooseWeighted(entries, () => draw)).toBe(expected);
  });
});
