import { describe, expect, it } from 'vitest';
import { loadBookinfoSample } from './bookinfo-networking.fixture';
import { pickPod, podsForDestination } from './destination-pods';
import { destinationRulesForHost, findSubset, subsetSelector } from './destination-rules';
import { destinationRule } from './routing.fixture';
import { seededRandom } from './seeded-random';

const pods = [
  { name: 'reviews-v1-a', labels: { app: 'reviews', version: 'v1' }, ready: true },
  { name: 'reviews-v1-b', labels: { app: 'reviews', version: 'v1' }, ready: false },
  { name: 'reviews-v2-a', labels: { app: 'reviews', version: 'v2' }, ready: true },
  { name: 'reviews-v3-a', labels: { app: 'reviews', version: 'v3' }, ready: true },
  { name: 'ratings-v1-a', labels: { app: 'ratings', version: 'v1' }, ready: true },
];
const [reviews] = loadBookinfoSample('destination-rule-all').destinationRules.filter(
  (rule) => rule.spec.host === 'reviews',
);

describe('podsForDestination', () => {
  it.each<[string, Record<string, string>, Record<string, string> | undefined, string[]]>([
    ['subset v1: ready pods only', { app: 'reviews' }, { version: 'v1' }, ['reviews-v1-a']],
    ['subset v2', { app: 'reviews' }, { version: 'v2' }, ['reviews-v2-a']],
    [
      'no subset: every version (Istio default)',
      { app: 'reviews' },
      undefined,
      ['reviews-v1-a', 'reviews-v2-a', 'reviews-v3-a'],
    ],
    ['a subset whose pods are gone: 503 UH', { app: 'reviews' }, { version: 'v4' }, []],
    ['subset labels never reach another service', { app: 'ratings' }, { version: 'v2' }, []],
    ['a Service without selector has no pod endpoints', {}, { version: 'v1' }, []],
  ])('%s', (_name, selector, subset, expected) => {
    expect(podsForDestination(pods, selector, subset).map((pod) => pod.name)).toEqual(expected);
  });

  it('spreads requests over every ready pod', () => {
    const random = seededRandom(3);
    const ready = podsForDestination(pods, { app: 'reviews' });
    const seen = new Set<string>();
    for (let i = 0; i < 60; i += 1) seen.add(pickPod(ready, random)?.name ?? '');
    expect([...seen].sort()).toEqual(['reviews-v1-a', 'reviews-v2-a', 'reviews-v3-a']);
    expect(pickPod([], random)).toBeUndefined();
  });
});

describe('DestinationRule subsets', () => {
  it.each<[string, Record<string, string> | undefined]>([
    ['v2', { version: 'v2' }],
    ['v9', undefined],
  ])('subsetSelector(reviews, %s)', (subset, labels) => {
    if (!reviews) throw new Error('Bookinfo has a reviews DestinationRule');
    expect(subsetSelector(reviews, subset)).toEqual(labels);
  });

  const rules = [
    destinationRule('reviews', ['v1']),
    destinationRule('*.default.svc.cluster.local', ['v1', 'v2']),
    destinationRule('reviews.test.svc.cluster.local', ['v3'], 'default'),
  ];
  it.each<[string, string, string | undefined]>([
    ['reviews.default.svc.cluster.local', 'v1', 'v1'],
    // The exact host rule governs reviews, so the wildcard's v2 does not apply.
    ['reviews.default.svc.cluster.local', 'v2', undefined],
    ['ratings.default.svc.cluster.local', 'v2', 'v2'],
    ['reviews.test.svc.cluster.local', 'v3', 'v3'],
    ['reviews.test.svc.cluster.local', 'v1', undefined],
  ])('findSubset(%s, %s)', (host, subset, found) => {
    expect(findSubset(rules, host, subset)?.name).toBe(found);
  });

  it('picks the most specific host', () => {
    expect(
      destinationRulesForHost(rules, 'reviews.default.svc.cluster.local').map(
        (rule) => rule.spec.host,
      ),
    ).toEqual(['reviews']);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => first());
    expect(values).toEqual(Array.from({ length: 1000 }, () => second()));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });
});
