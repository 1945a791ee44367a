import { describe, expect, it } from 'vitest';
import { matchBlockHolds } from '../istio/http-match';
import { meshRequest } from '../istio/routing.fixture';
import type { HTTPMatchRequest, MeshRequest, StringMatch } from '../istio/types';
import { combineMatches, intersectStringMatch, mergeMatchBlocks } from './match-merge';

/** An outcome in one word for the tables: the merged value, `disjoint` or `inexpressible`. */
function outcomeOf<T>(
  outcome: ReturnType<typeof mergeMatchBlocks> | ReturnType<typeof intersectStringMatch>,
): T | 'disjoint' | 'inexpressible' {
  return outcome.kind === 'merged' ? (outcome.value as T) : outcome.kind;
}

describe('intersectStringMatch', () => {
  it.each<[string, StringMatch, StringMatch, StringMatch | 'disjoint' | 'inexpressible']>([
    ['equal', { exact: 'jason' }, { exact: 'jason' }, { exact: 'jason' }],
    ['presence gives way', {}, { regex: 'j.*' }, { regex: 'j.*' }],
    ["Istio's regex * is presence", { regex: '*' }, { prefix: 'j' }, { prefix: 'j' }],
    ['two exact values', { exact: 'jason' }, { exact: 'mary' }, 'disjoint'],
    ['exact inside a prefix', { prefix: 'ja' }, { exact: 'jason' }, { exact: 'jason' }],
    ['exact outside a prefix', { exact: 'mary' }, { prefix: 'ja' }, 'disjoint'],
    [
      'nested prefixes: the longer',
      { prefix: '/api' },
      { prefix: '/api/v1' },
      { prefix: '/api/v1' },
    ],
    ['unrelated prefixes', { prefix: '/api' }, { prefix: '/static' }, 'disjoint'],
    ['exact a regex holds for', { regex: 'j[a-z]+' }, { exact: 'jason' }, { exact: 'jason' }],
    ['exact a regex refuses', { regex: 'm[a-z]+' }, { exact: 'jason' }, 'disjoint'],
    ['prefix and regex', { prefix: 'j' }, { regex: '.*n' }, 'inexpressible'],
    ['two regexes', { regex: 'j.*' }, { regex: '.*n' }, 'inexpressible'],
    [
      'an invalid StringMatch (two operators)',
      { exact: 'a', prefix: 'a' },
      { exact: 'a' },
      'inexpressible',
    ],
  ])('%s', (_, a, b, expected) => {
    expect(outcomeOf(intersectStringMatch(a, b, { field: 'x' }))).toEqual(expected);
    expect(outcomeOf(intersectStringMatch(b, a, { field: 'x' }))).toEqual(expected);
  });

  it('folds case when both sides ignore it, keeping the exact spelling', () => {
    const folded = { field: 'uri', uri: true, ignoreCase: true };
    expect(
      outcomeOf(intersectStringMatch({ exact: '/Product' }, { prefix: '/prod' }, folded)),
    ).toEqual({
      exact: '/Product',
    });
    expect(outcomeOf(intersectStringMatch({ exact: '/a' }, { regex: '/a' }, folded))).toBe(
      'inexpressible',
    );
  });

  it('a uri prefix that reaches into the query string past an exact path', () => {
    const uri = { field: 'uri', uri: true };
    expect(outcomeOf(intersectStringMatch({ exact: '/p' }, { prefix: '/p?u=1' }, uri))).toEqual({
      prefix: '/p?u=1',
    });
    expect(outcomeOf(intersectStringMatch({ exact: '/p' }, { prefix: '/pq' }, uri))).toBe(
      'disjoint',
    );
  });
});

describe('mergeMatchBlocks', () => {
  const jason: HTTPMatchRequest = { headers: { 'end-user': { exact: 'jason' } } };

  it.each<
    [string, HTTPMatchRequest, HTTPMatchRequest, HTTPMatchRequest | 'disjoint' | 'inexpressible']
  >([
    [
      "the route's uri and the rule's header",
      { uri: { exact: '/productpage' } },
      jason,
      { uri: { exact: '/productpage' }, headers: { 'end-user': { exact: 'jason' } } },
    ],
    [
      'header maps merged',
      { headers: { 'x-env': { exact: 'beta' } } },
      jason,
      { headers: { 'x-env': { exact: 'beta' }, 'end-user': { exact: 'jason' } } },
    ],
    [
      'header names compare without case, the route spelling kept',
      { headers: { 'End-User': { prefix: 'ja' } } },
      jason,
      { headers: { 'End-User': { exact: 'jason' } } },
    ],
    [
      'the same header, two values',
      { headers: { 'end-user': { exact: 'mary' } } },
      jason,
      'disjoint',
    ],
    [
      'the same header, two regexes',
      { headers: { 'user-agent': { regex: '.*Mobile.*' } } },
      { headers: { 'user-agent': { regex: '.*Android.*' } } },
      'inexpressible',
    ],
    [
      'query params by case-sensitive name',
      { queryParams: { u: { exact: '1' } } },
      { queryParams: { U: { exact: '2' } } },
      { queryParams: { u: { exact: '1' }, U: { exact: '2' } } },
    ],
    [
      'withoutHeaders: the same exclusion once',
      { withoutHeaders: { x: { exact: '1' } } },
      { withoutHeaders: { x: { exact: '1' } }, ...jason },
      { withoutHeaders: { x: { exact: '1' } }, ...jason },
    ],
    [
      'withoutHeaders: two exclusions of one header',
      { withoutHeaders: { x: { exact: '1' } } },
      { withoutHeaders: { x: { exact: '2' } } },
      'inexpressible',
    ],
    [
      'method, scheme, authority intersected',
      { method: { exact: 'GET' } },
      { method: { exact: 'POST' } },
      'disjoint',
    ],
    [
      'port, gateways, sourceLabels and the name kept from the route',
      { name: 'pp', port: 8080, gateways: ['bookinfo-gateway'] },
      jason,
      { name: 'pp', port: 8080, gateways: ['bookinfo-gateway'], ...jason },
    ],
    ['two ports', { port: 8080 }, { port: 9080 }, 'disjoint'],
    [
      'two source labels values',
      { sourceLabels: { app: 'a' } },
      { sourceLabels: { app: 'b' } },
      'disjoint',
    ],
    ['different gateway lists', { gateways: ['a'] }, { gateways: ['b'] }, 'inexpressible'],
    [
      'gateways beside the other block’s source labels (Istio would ignore them)',
      { gateways: ['a'] },
      { sourceLabels: { app: 'b' } },
      'inexpressible',
    ],
    [
      'ignoreUriCase travels with the uri it qualifies',
      { ignoreUriCase: true, headers: { a: {} } },
      { uri: { exact: '/x' } },
      { uri: { exact: '/x' }, headers: { a: {} } },
    ],
    [
      'a case-sensitive exact path inside a case-folded prefix',
      { uri: { prefix: '/API' }, ignoreUriCase: true },
      { uri: { exact: '/api/v1' } },
      { uri: { exact: '/api/v1' } },
    ],
    [
      'a case-sensitive prefix beside a case-folded one',
      { uri: { prefix: '/API' }, ignoreUriCase: true },
      { uri: { prefix: '/api/v1' } },
      'inexpressible',
    ],
    [
      'a field Aviary does not model, set on one side',
      { statPrefix: 'pp' } as HTTPMatchRequest,
      jason,
      { statPrefix: 'pp', ...jason } as HTTPMatchRequest,
    ],
    [
      'a field Aviary does not model, different',
      { statPrefix: 'pp' } as HTTPMatchRequest,
      { statPrefix: 'other' } as HTTPMatchRequest,
      'inexpressible',
    ],
  ])('%s', (_, a, b, expected) => {
    expect(outcomeOf(mergeMatchBlocks(a, b))).toEqual(expected);
  });

  it('says which field could not be AND-ed', () => {
    expect(
      mergeMatchBlocks({ uri: { prefix: '/static' } }, { uri: { regex: '/static/.*\\.css' } }),
    ).toEqual({
      kind: 'inexpressible',
      reason:
        'uri: prefix "/static" and regex "/static/.*\\\\.css" cannot be AND-ed in one match block',
    });
  });

  // The merged block must hold for exactly the requests both blocks hold for.
  const headerSets: Record<string, string>[] = [
    {},
    { 'end-user': 'jason' },
    { 'end-user': 'mary', 'x-env': 'beta' },
  ];
  const requests: MeshRequest[] = [
    '/productpage',
    '/productpage?u=1',
    '/Productpage',
    '/static/app.css',
    '/api/v1/products/0',
    '/login',
  ].flatMap((path) => headerSets.map((headers) => meshRequest({ path, headers })));
  const blocks: HTTPMatchRequest[] = [
    { uri: { exact: '/productpage' } },
    { uri: { prefix: '/static' } },
    { uri: { prefix: '/api/v1/products' } },
    { uri: { exact: '/productpage' }, ignoreUriCase: true },
    { uri: { prefix: '/API' }, ignoreUriCase: true },
    { uri: { regex: '/(productpage|login)' } },
    { uri: { prefix: '/productpage?u=' } },
    jason,
    { headers: { 'end-user': { prefix: 'ja' } } },
    { headers: { 'x-env': {} } },
    {},
  ];
  it('every pair of these blocks: the merged block holds exactly where both do', () => {
    for (const a of blocks)
      for (const b of blocks) {
        const outcome = mergeMatchBlocks(a, b);
        if (outcome.kind === 'inexpressible') continue;
        for (const request of requests) {
          const both = matchBlockHolds(a, request) && matchBlockHolds(b, request);
          const holds = outcome.kind === 'merged' && matchBlockHolds(outcome.value, request);
          const what = `${JSON.stringify(a)} AND ${JSON.stringify(b)} on ${request.path} ${JSON.stringify(request.headers)}`;
          expect(holds, what).toBe(both);
        }
      }
  });
});

describe('combineMatches', () => {
  const rule = { headers: { 'end-user': { exact: 'jason' } } };

  it("a route without match takes the rule's block as it is", () => {
    expect(combineMatches(undefined, [rule])).toEqual({ match: [rule], inexpressible: [] });
    expect(combineMatches([], [rule])).toEqual({ match: [rule], inexpressible: [] });
  });

  it("the cross product of the route's blocks and the rule's, disjoint pairs left out silently", () => {
    const route = [{ uri: { exact: '/productpage' } }, { uri: { prefix: '/static' } }];
    const uriRule = { uri: { prefix: '/static/css' } };
    expect(combineMatches(route, [rule, uriRule])).toEqual({
      match: [
        { uri: { exact: '/productpage' }, ...rule },
        { uri: { prefix: '/static' }, ...rule },
        { uri: { prefix: '/static/css' } },
      ],
      inexpressible: [],
    });
  });

  it('reports the pairs it cannot express, and gives nothing when none is left', () => {
    const route = [{ uri: { exact: '/login' } }, { uri: { prefix: '/static' } }];
    expect(combineMatches(route, [{ uri: { regex: '/static/.*' } }])).toEqual({
      match: [],
      inexpressible: [
        'uri: prefix "/static" and regex "/static/.*" cannot be AND-ed in one match block',
      ],
    });
  });

  it('the same merged block appears once', () => {
    expect(
      combineMatches(
        [{ uri: { prefix: '/a' } }, { uri: { prefix: '/a/b' } }],
        [{ uri: { prefix: '/a/b/c' } }],
      ).match,
    ).toEqual([{ uri: { prefix: '/a/b/c' } }]);
  });
});
