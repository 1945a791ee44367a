import { describe, expect, it } from 'vitest';
import { redirectLocation, rewrittenPath } from './route-actions';
import { routeRequest } from './route-request';
import { configWith, constantRandom, meshRequest, reviewsWith, toReviews } from './routing.fixture';
import { seededRandom } from './seeded-random';
import type {
  HTTPMatchRequest,
  HTTPRedirect,
  HTTPRoute,
  MeshRequest,
  RoutingDecision,
} from './types';

function decide(rule: HTTPRoute, request: Partial<MeshRequest> = {}, random = constantRandom(0.5)) {
  return routeRequest(meshRequest(request), configWith(reviewsWith(rule)), random);
}

function routed(decision: RoutingDecision) {
  if (decision.kind !== 'route') throw new Error(`expected a route, got ${decision.kind}`);
  return decision;
}

describe('faults', () => {
  it.each<[string, HTTPRoute['fault'], number, object | undefined]>([
    [
      'delay at 100 %',
      { delay: { fixedDelay: '2s', percentage: { value: 100 } } },
      0.99,
      { delayMs: 2000 },
    ],
    ['delay without percentage applies to nobody', { delay: { fixedDelay: '2s' } }, 0, undefined],
    [
      'delay, legacy percent, drawn in',
      { delay: { fixedDelay: '1s', percent: 30 } },
      0.29,
      { delayMs: 1000 },
    ],
    [
      'delay, legacy percent, drawn out',
      { delay: { fixedDelay: '1s', percent: 30 } },
      0.3,
      undefined,
    ],
    [
      'percentage wins over legacy percent',
      { delay: { fixedDelay: '1s', percent: 100, percentage: { value: 0 } } },
      0,
      undefined,
    ],
    [
      'abort 0.5 % drawn in',
      { abort: { httpStatus: 503, percentage: { value: 0.5 } } },
      0.004,
      { abortStatus: 503 },
    ],
    [
      'abort 0.5 % drawn out',
      { abort: { httpStatus: 503, percentage: { value: 0.5 } } },
      0.006,
      undefined,
    ],
    ['abort without percentage applies to nobody', { abort: { httpStatus: 500 } }, 0, undefined],
    [
      'delay and abort together',
      {
        delay: { fixedDelay: '100ms', percentage: { value: 100 } },
        abort: { httpStatus: 418, percentage: { value: 100 } },
      },
      0.5,
      { delayMs: 100, abortStatus: 418 },
    ],
  ])('%s', (_name, fault, draw, expected) => {
    expect(routed(decide(toReviews('v1', { fault }), {}, constantRandom(draw))).fault).toEqual(
      expected,
    );
  });

  it('draws faults from the same random source, at their configured rate', () => {
    const random = seededRandom(7);
    const rule = toReviews('v1', {
      fault: { abort: { httpStatus: 500, percentage: { value: 25 } } },
    });
    const config = configWith(reviewsWith(rule));
    let aborted = 0;
    for (let i = 0; i < 2000; i += 1) {
      if (routed(routeRequest(meshRequest(), config, random)).fault) aborted += 1;
    }
    // Chi-square, 1 degree of freedom, 0.1 % level.
    const chiSquare = (aborted - 500) ** 2 / 500 + (1500 - (2000 - aborted)) ** 2 / 1500;
    expect(chiSquare).toBeLessThan(10.828);
  });
});

describe('mirrors', () => {
  const v2 = { host: 'reviews', subset: 'v2' };
  it.each<[string, Partial<HTTPRoute>, number, [string | undefined, number][]]>([
    ['mirror without percentage: every request', { mirror: v2 }, 0.99, [['v2', 100]]],
    ['mirrorPercentage 0 disables it', { mirror: v2, mirrorPercentage: { value: 0 } }, 0, []],
    [
      'mirrorPercentage drawn in',
      { mirror: v2, mirrorPercentage: { value: 10 } },
      0.05,
      [['v2', 10]],
    ],
    ['mirrorPercentage drawn out', { mirror: v2, mirrorPercentage: { value: 10 } }, 0.1, []],
    ['legacy mirrorPercent', { mirror: v2, mirrorPercent: 50 }, 0.2, [['v2', 50]]],
    [
      'mirrors[] each drawn',
      {
        mirrors: [
          { destination: v2 },
          { destination: { host: 'reviews', subset: 'v3' }, percentage: { value: 40 } },
        ],
      },
      0.3,
      [
        ['v2', 100],
        ['v3', 40],
      ],
    ],
    [
      'mirror to an undefined subset is dropped',
      { mirror: { host: 'reviews', subset: 'v9' } },
      0,
      [],
    ],
  ])('%s', (_name, rule, draw, expected) => {
    const decision = routed(decide({ ...toReviews('v1'), ...rule }, {}, constantRandom(draw)));
    expect(
      decision.mirrors.map((mirror) => [mirror.destination.subset, mirror.percentage]),
    ).toEqual(expected);
  });
});

describe('timeouts, retries, headers, ports', () => {
  it.each<[string, Partial<HTTPRoute>, object]>([
    [
      'no retries set: the mesh default',
      {},
      {
        retries: {
          attempts: 2,
          retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
        },
      },
    ],
    [
      'retries as written',
      { retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx' } },
      { retries: { attempts: 3, perTryTimeoutMs: 2000, retryOn: '5xx' } },
    ],
    ['attempts 0 disables retries', { retries: { attempts: 0 } }, { retries: { attempts: 0 } }],
    ['timeout', { timeout: '10s' }, { timeoutMs: 10_000 }],
    [
      'rule and destination headers merge, the destination winning on set',
      {
        headers: { request: { set: { a: '1', b: '1' } } },
        route: [
          {
            destination: { host: 'reviews', subset: 'v1' },
            headers: { request: { set: { b: '2' }, remove: ['x'] } },
          },
        ],
      },
      { headers: { request: { set: { a: '1', b: '2' }, remove: ['x'] } } },
    ],
    [
      'destination port as written',
      { route: [{ destination: { host: 'reviews', subset: 'v1', port: { number: 9081 } } }] },
      { destination: { port: 9081 } },
    ],
    [
      "no port: the service's only port",
      { route: [{ destination: { host: 'ratings' } }] },
      {
        destination: {
          host: 'ratings.default.svc.cluster.local',
          port: 9080,
          service: { name: 'ratings', namespace: 'default' },
        },
      },
    ],
    [
      'external host kept as written',
      { route: [{ destination: { host: 'api.example.com' } }] },
      { destination: { host: 'api.example.com', port: 9080 } },
    ],
  ])('%s', (_name, rule, expected) => {
    expect(decide({ ...toReviews('v1'), ...rule })).toMatchObject(expected);
  });

  it('omits a timeout of 0s (no timeout)', () => {
    expect(routed(decide(toReviews('v1', { timeout: '0s' }))).timeoutMs).toBeUndefined();
  });

  it('names the route after the rule and the match block', () => {
    const decision = decide(
      toReviews('v1', {
        name: 'canary',
        match: [
          { name: 'by-user', headers: { 'end-user': { exact: 'jason' } } },
          { name: 'all', uri: { prefix: '/' } },
        ],
      }),
    );
    expect(decision).toMatchObject({
      routeName: 'canary.all',
      ruleName: 'canary',
      matchIndex: 1,
      ruleIndex: 0,
      virtualService: { name: 'reviews', namespace: 'default' },
    });
  });
});

describe('rewrites', () => {
  it.each<[string, HTTPMatchRequest | undefined, string, string, string]>([
    [
      'prefix swaps the matched prefix',
      { uri: { prefix: '/v1/' } },
      '/v1/items?x=1',
      '/v2/',
      '/v2/items?x=1',
    ],
    [
      'exact swaps the path, keeps the query',
      { uri: { exact: '/old' } },
      '/old?a=b',
      '/new',
      '/new?a=b',
    ],
    ['regex swaps the whole path', { uri: { regex: '/api/.*' } }, '/api/x?q', '/root', '/root?q'],
    ['no uri match is prefix /', undefined, '/reviews/0', '/v2/', '/v2/reviews/0'],
    ['uri {} is prefix /', { uri: {} }, '/reviews/0', '/base/', '/base/reviews/0'],
  ])('%s', (_name, match, path, replacement, expected) => {
    expect(rewrittenPath(path, match, replacement)).toBe(expected);
  });

  it('reports the rewritten path and authority of the matched rule', () => {
    const decision = decide(
      toReviews('v1', {
        match: [{ uri: { prefix: '/reviews' } }],
        rewrite: { uri: '/r', authority: 'reviews.internal' },
      }),
    );
    expect(decision).toMatchObject({ rewrite: { path: '/r/0', authority: 'reviews.internal' } });
  });
});

describe('redirects and direct responses', () => {
  const request = meshRequest({ host: 'shop.example.com:8080', path: '/old?u=1', port: 8080 });
  it.each<[string, HTTPRedirect, string]>([
    ['uri only, query kept', { uri: '/new' }, 'http://shop.example.com:8080/new?u=1'],
    ['uri with its own query', { uri: '/new?v=2' }, 'http://shop.example.com:8080/new?v=2'],
    ['authority', { authority: 'other.example.com' }, 'http://other.example.com/old?u=1'],
    [
      'https on 443 leaves the port out',
      { scheme: 'https', port: 443 },
      'https://shop.example.com/old?u=1',
    ],
    ['explicit port', { port: 9443, scheme: 'https' }, 'https://shop.example.com:9443/old?u=1'],
    [
      'port from the request',
      { authority: 'x.example.com', derivePort: 'FROM_REQUEST_PORT' },
      'http://x.example.com:8080/old?u=1',
    ],
  ])('%s', (_name, redirect, location) => {
    expect(redirectLocation(redirect, request)).toBe(location);
  });

  it.each<[string, HTTPRoute, object]>([
    [
      'redirect defaults to 301',
      { redirect: { uri: '/v2' } },
      { kind: 'redirect', status: 301, location: 'http://reviews:9080/v2' },
    ],
    [
      'redirect code as written',
      { redirect: { uri: '/v2', redirectCode: 308 } },
      { kind: 'redirect', status: 308 },
    ],
    [
      'direct response with a string body',
      { directResponse: { status: 418, body: { string: 'teapot' } } },
      { kind: 'direct-response', status: 418, body: 'teapot' },
    ],
    [
      'direct response with a bytes body',
      { directResponse: { status: 503, body: { bytes: 'ZG93bg==' } } },
      { kind: 'direct-response', status: 503, body: 'down' },
    ],
  ])('%s', (_name, rule, expected) => {
    expect(decide(rule)).toMatchObject(expected);
  });

  it('answers without a body when bytes are not base64', () => {
    const decision = decide({ directResponse: { status: 503, body: { bytes: '%%%' } } });
    expect(decision).toMatchObject({ kind: 'direct-response', status: 503 });
    expect(decision).not.toHaveProperty('body');
  });
});
