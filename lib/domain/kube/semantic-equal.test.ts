import { describe, expect, it } from 'vitest';
import { canonicalJson, isUnset, semanticEqual, semanticallyContains } from './semantic-equal';

/** A route destination as Aviary's builder writes it, and as kube-apiserver returns it (keys sorted). */
const built = {
  destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } },
  weight: 50,
};
const readBack = JSON.parse(
  '{"destination":{"host":"reviews","port":{"number":9080},"subset":"v2"},"weight":50}',
) as unknown;

describe('semanticEqual', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['key order at the top', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ['key order at every depth (a route read back sorted)', built, readBack, true],
    [
      'key order inside list items',
      [{ name: 'v1', labels: { version: 'v1', app: 'r' } }],
      [{ labels: { app: 'r', version: 'v1' }, name: 'v1' }],
      true,
    ],
    ['list order matters', ['v1', 'v2'], ['v2', 'v1'], false],
    ['list length matters', [1, 2], [1, 2, 3], false],
    ['1 and 1.0 are one number', { weight: 1 }, JSON.parse('{"weight":1.0}'), true],
    ['1e2 and 100', JSON.parse('{"w":1e2}'), { w: 100 }, true],
    ['0 and -0', { w: 0 }, { w: -0 }, true],
    ['different numbers', { w: 50 }, { w: 51 }, false],
    ['a number is not its string', { port: 9080 }, { port: '9080' }, false],
    ['true is not "true"', { x: true }, { x: 'true' }, false],
    ['missing and undefined', { a: 1 }, { a: 1, b: undefined }, true],
    ['missing and null (the server prunes nulls)', { a: 1 }, { a: 1, b: null }, true],
    [
      'missing and an empty map',
      { spec: { host: 'r' } },
      { spec: { host: 'r', trafficPolicy: {} } },
      true,
    ],
    ['missing and an empty list', { hosts: ['r'] }, { hosts: ['r'], http: [] }, true],
    ['a map of unset values is unset', {}, { a: { b: null, c: [] } }, true],
    ['undefined and {}', undefined, {}, true],
    ['an empty string is set', { a: '' }, {}, false],
    ['0 is set', { a: 0 }, {}, false],
    ['false is set', { a: false }, {}, false],
    ['an empty list item still holds its place', [{}, { a: 1 }], [{ a: 1 }], false],
    ['{} and null as list items', [{}], [null], true],
    ['an empty map and an empty list both say nothing', { a: {} }, { a: [] }, true],
    ['a set map is not a set list', { a: { x: 1 } }, { a: [1] }, false],
    [
      'a value changed deep down',
      built,
      { ...built, destination: { ...built.destination, subset: 'v3' } },
      false,
    ],
    ['an added field', { a: 1 }, { a: 1, b: 2 }, false],
  ])('%s', (_name, a, b, expected) => {
    expect(semanticEqual(a, b)).toBe(expected);
    expect(semanticEqual(b, a)).toBe(expected);
    expect(canonicalJson(a) === canonicalJson(b)).toBe(expected);
  });
});

describe('semanticallyContains (live, desired): what desired leaves unset is the server default', () => {
  const desiredContainer = { name: 'reviews', image: 'reviews:v2' };
  const liveContainer = {
    image: 'reviews:v2',
    imagePullPolicy: 'IfNotPresent',
    name: 'reviews',
    terminationMessagePath: '/dev/termination-log',
  };
  it.each<[string, unknown, unknown, boolean]>([
    [
      'defaults filled by the server',
      { containers: [liveContainer] },
      { containers: [desiredContainer] },
      true,
    ],
    [
      'a set field that differs',
      { containers: [liveContainer] },
      { containers: [{ ...desiredContainer, image: 'reviews:v3' }] },
      false,
    ],
    [
      'a set field missing on the server',
      { containers: [{ name: 'reviews' }] },
      { containers: [desiredContainer] },
      false,
    ],
    [
      'lists must match in length',
      { containers: [liveContainer, liveContainer] },
      { containers: [desiredContainer] },
      false,
    ],
    ['key order', readBack, built, true],
    ['an empty desired map is no wish', { labels: { a: 'b' } }, { labels: {} }, true],
    ['nothing desired', { a: 1 }, undefined, true],
  ])('%s', (_name, live, desired, expected) => {
    expect(semanticallyContains(live, desired)).toBe(expected);
  });
});

describe('isUnset', () => {
  it.each<[unknown, boolean]>([
    [undefined, true],
    [null, true],
    [{}, true],
    [[], true],
    [{ a: null }, true],
    ['', false],
    [0, false],
    [[null], false],
    [{ a: 0 }, false],
  ])('%j -> %s', (value, expected) => expect(isUnset(value)).toBe(expected));
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps list order and leaves unset fields out', () => {
    expect(canonicalJson({ b: [{ d: 1, c: null }], a: {}, e: 1.0 })).toBe('{"b":[{"d":1}],"e":1}');
  });
});
