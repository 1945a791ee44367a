import { describe, expect, it } from 'vitest';
import type { BookinfoSample } from './bookinfo-networking.fixture';
import { routeRequest } from './route-request';
import {
  bookinfoConfig,
  configWith,
  constantRandom,
  describeDecision,
  gatewayRequest,
  meshRequest,
  reviewsWith,
  toReviews,
  virtualService,
} from './routing.fixture';
import type {
  HTTPMatchRequest,
  MeshRequest,
  RouteDecision,
  RoutingConfig,
  RoutingDecision,
} from './types';

const jason = { 'end-user': 'jason' };
const to = (service: string) => ({ host: `${service}:9080` });

describe('routeRequest: hosts the mesh does not know', () => {
  const external = { host: 'httpbin.org', port: 80 };
  it.each<[string, RoutingConfig, Partial<MeshRequest>, RoutingDecision]>([
    [
      'a sidecar calling an unknown host: the outbound traffic policy decides',
      configWith(),
      external,
      { kind: 'no-route', status: 404, responseFlags: 'NR', unregisteredHost: true },
    ],
    [
      'a sidecar calling an IP that is no Service',
      configWith(),
      { host: '127.0.0.1:43210', port: 43210 },
      { kind: 'no-route', status: 404, responseFlags: 'NR', unregisteredHost: true },
    ],
    [
      'a VirtualService holds the host but no rule matches: 404 NR whatever the policy',
      configWith(
        virtualService('httpbin', {
          hosts: ['httpbin.org'],
          http: [
            {
              match: [{ uri: { exact: '/x' } }],
              route: [{ destination: { host: 'httpbin.org' } }],
            },
          ],
        }),
      ),
      external,
      { kind: 'no-route', status: 404, responseFlags: 'NR' },
    ],
    [
      'a gateway has no passthrough',
      configWith(),
      { ...external, gateway: 'default/bookinfo-gateway' },
      { kind: 'no-route', status: 404, responseFlags: 'NR' },
    ],
  ])('%s', (_name, config, request, expected) => {
    expect(routeRequest(meshRequest(request), config, Math.random)).toEqual(expected);
  });
});

describe('routeRequest: the Bookinfo tasks', () => {
  it.each<[string, BookinfoSample[], Partial<MeshRequest>, string]>([
    // Request routing: virtual-service-all-v1, then reviews-test-v2 (end-user: jason -> v2).
    ['all-v1: productpage', ['virtual-service-all-v1'], to('productpage'), 'productpage/v1'],
    ['all-v1: details', ['virtual-service-all-v1'], to('details'), 'details/v1'],
    ['all-v1: reviews', ['virtual-service-all-v1'], to('reviews'), 'reviews/v1'],
    ['all-v1: ratings', ['virtual-service-all-v1'], to('ratings'), 'ratings/v1'],
    ['all-v1: reviews for jason too', ['virtual-service-all-v1'], { headers: jason }, 'reviews/v1'],
    ['test-v2: jason', ['virtual-service-reviews-test-v2'], { headers: jason }, 'reviews/v2'],
    ['test-v2: anonymous', ['virtual-service-reviews-test-v2'], {}, 'reviews/v1'],
    [
      'test-v2: another user',
      ['virtual-service-reviews-test-v2'],
      { headers: { 'end-user': 'alice' } },
      'reviews/v1',
    ],
    [
      'test-v2: exact is case-sensitive',
      ['virtual-service-reviews-test-v2'],
      { headers: { 'end-user': 'Jason' } },
      'reviews/v1',
    ],
    [
      'test-v2: exact is not a prefix',
      ['virtual-service-reviews-test-v2'],
      { headers: { 'end-user': 'jasonx' } },
      'reviews/v1',
    ],
    [
      'test-v2: jason in a cookie is not end-user',
      ['virtual-service-reviews-test-v2'],
      { headers: { cookie: 'end-user=jason' } },
      'reviews/v1',
    ],
    [
      'test-v2: over the all-v1 ratings',
      ['virtual-service-all-v1', 'virtual-service-reviews-test-v2'],
      { ...to('ratings'), headers: jason },
      'ratings/v1',
    ],
    [
      'jason-v2-v3: jason',
      ['virtual-service-reviews-jason-v2-v3'],
      { headers: jason },
      'reviews/v2',
    ],
    ['jason-v2-v3: everyone else', ['virtual-service-reviews-jason-v2-v3'], {}, 'reviews/v3'],
    ['reviews-v3', ['virtual-service-reviews-v3'], {}, 'reviews/v3'],
    ['details-v2', ['virtual-service-details-v2'], to('details'), 'details/v2'],
    ['ratings-db: reviews', ['virtual-service-ratings-db'], {}, 'reviews/v3'],
    ['ratings-db: ratings', ['virtual-service-ratings-db'], to('ratings'), 'ratings/v2'],
    ['ratings-mysql: reviews', ['virtual-service-ratings-mysql'], {}, 'reviews/v3'],
    [
      'ratings-mysql: ratings',
      ['virtual-service-ratings-mysql'],
      to('ratings'),
      'ratings/v2-mysql',
    ],
    [
      'ratings-mysql-vm: ratings',
      ['virtual-service-ratings-mysql-vm'],
      to('ratings'),
      'ratings/v2-mysql-vm',
    ],
    [
      'test-abort: jason still routes to v1',
      ['virtual-service-ratings-test-abort'],
      { ...to('ratings'), headers: jason },
      'ratings/v1',
    ],
    ['test-delay: anonymous', ['virtual-service-ratings-test-delay'], to('ratings'), 'ratings/v1'],
    ['no VirtualService: default route, every version', [], {}, 'reviews'],
  ])('%s', (_name, samples, request, expected) => {
    expect(
      describeDecision(routeRequest(meshRequest(request), bookinfoConfig(...samples), Math.random)),
    ).toBe(expected);
  });

  it.each<[string, BookinfoSample, number, string]>([
    ['80-20 below the cut', 'virtual-service-reviews-80-20', 0.7999, 'reviews/v1'],
    ['80-20 at the cut', 'virtual-service-reviews-80-20', 0.8, 'reviews/v2'],
    ['90-10 below the cut', 'virtual-service-reviews-90-10', 0.8999, 'reviews/v1'],
    ['90-10 at the cut', 'virtual-service-reviews-90-10', 0.9, 'reviews/v2'],
    ['50-v3 first half', 'virtual-service-reviews-50-v3', 0.4999, 'reviews/v1'],
    ['50-v3 second half', 'virtual-service-reviews-50-v3', 0.5, 'reviews/v3'],
    ['v2-v3 first half', 'virtual-service-reviews-v2-v3', 0, 'reviews/v2'],
    ['v2-v3 second half', 'virtual-service-reviews-v2-v3', 0.9999, 'reviews/v3'],
  ])('weighted %s', (_name, sample, draw, expected) => {
    expect(
      describeDecision(routeRequest(meshRequest(), bookinfoConfig(sample), constantRandom(draw))),
    ).toBe(expected);
  });

  it.each<[string, BookinfoSample, Partial<MeshRequest>, RouteDecision['fault']]>([
    [
      'abort 500 for jason',
      'virtual-service-ratings-test-abort',
      { headers: jason },
      { abortStatus: 500 },
    ],
    ['no abort for others', 'virtual-service-ratings-test-abort', {}, undefined],
    [
      '7 s delay for jason',
      'virtual-service-ratings-test-delay',
      { headers: jason },
      { delayMs: 7000 },
    ],
    [
      'no delay for others',
      'virtual-service-ratings-test-delay',
      { headers: { 'end-user': 'bob' } },
      undefined,
    ],
  ])('fault injection: %s', (_name, sample, request, fault) => {
    const decision = routeRequest(
      meshRequest({ ...to('ratings'), ...request }),
      bookinfoConfig(sample),
      Math.random,
    );
    expect(decision.kind === 'route' ? decision.fault : 'not routed').toEqual(fault);
  });

  it.each<[string, Partial<MeshRequest>, string]>([
    ['/productpage', {}, 'productpage'],
    [
      '/productpage?u=test (exact ignores the query)',
      { path: '/productpage?u=test' },
      'productpage',
    ],
    ['/productpage/ is not exact', { path: '/productpage/' }, '404 NR'],
    ['/static/css/site.css', { path: '/static/css/site.css' }, 'productpage'],
    ['/staticfiles: prefix is a plain string prefix', { path: '/staticfiles' }, 'productpage'],
    ['/login', { path: '/login', method: 'POST' }, 'productpage'],
    ['/logout', { path: '/logout' }, 'productpage'],
    ['/api/v1/products/0/reviews', { path: '/api/v1/products/0/reviews' }, 'productpage'],
    ['/ has no rule', { path: '/' }, '404 NR'],
    ['/health has no rule', { path: '/health' }, '404 NR'],
    ['gateway named without its namespace', { gateway: 'bookinfo-gateway' }, 'productpage'],
    [
      "another namespace's gateway of the same name",
      { gateway: 'other/bookinfo-gateway' },
      '404 NR',
    ],
  ])('bookinfo-gateway: %s', (_name, request, expected) => {
    const decision = routeRequest(
      gatewayRequest(request),
      bookinfoConfig('bookinfo-gateway'),
      Math.random,
    );
    expect(describeDecision(decision)).toBe(expected);
  });

  it('sends gateway traffic to the port the VirtualService names, not the listener port', () => {
    const decision = routeRequest(
      gatewayRequest(),
      bookinfoConfig('bookinfo-gateway'),
      Math.random,
    );
    expect(decision).toMatchObject({
      kind: 'route',
      destination: { host: 'productpage.default.svc.cluster.local', port: 9080 },
    });
  });
});

/** One rule (`hit`) guarded by the given match blocks, then a catch-all (`miss`). */
function guarded(...match: HTTPMatchRequest[]): RoutingConfig {
  return configWith(reviewsWith(toReviews('v2', { match }), toReviews('v1')));
}
const hit = 'reviews/v2';
const miss = 'reviews/v1';
const cookieAsDocs = '^(.*?;)?(user=jason)(;.*)?$';
const cookieWithSpace = '^(.*?;\\s*)?(user=jason)(;.*)?$';

describe('routeRequest: the semantics of istio-semantics.md', () => {
  it.each<[string, RoutingConfig, Partial<MeshRequest>, string]>([
    // AND inside one block, OR between blocks.
    [
      'AND: header and uri both hold',
      guarded({ headers: { x: { exact: '1' } }, uri: { prefix: '/a' } }),
      { path: '/a', headers: { x: '1' } },
      hit,
    ],
    [
      'AND: header only',
      guarded({ headers: { x: { exact: '1' } }, uri: { prefix: '/a' } }),
      { path: '/b', headers: { x: '1' } },
      miss,
    ],
    [
      'AND: uri only',
      guarded({ headers: { x: { exact: '1' } }, uri: { prefix: '/a' } }),
      { path: '/a' },
      miss,
    ],
    [
      'OR: header only',
      guarded({ headers: { x: { exact: '1' } } }, { uri: { prefix: '/a' } }),
      { path: '/b', headers: { x: '1' } },
      hit,
    ],
    [
      'OR: uri only',
      guarded({ headers: { x: { exact: '1' } } }, { uri: { prefix: '/a' } }),
      { path: '/a' },
      hit,
    ],
    [
      'OR: neither',
      guarded({ headers: { x: { exact: '1' } } }, { uri: { prefix: '/a' } }),
      { path: '/b' },
      miss,
    ],
    // Prefix, exact and regex on the uri.
    ['prefix /foo matches /foobar', guarded({ uri: { prefix: '/foo' } }), { path: '/foobar' }, hit],
    ['prefix /foo matches /foo/x', guarded({ uri: { prefix: '/foo' } }), { path: '/foo/x' }, hit],
    [
      'prefix /foo/ does not match /foo',
      guarded({ uri: { prefix: '/foo/' } }),
      { path: '/foo' },
      miss,
    ],
    ['prefix is case-sensitive', guarded({ uri: { prefix: '/foo' } }), { path: '/Foo' }, miss],
    [
      'prefix sees the query string',
      guarded({ uri: { prefix: '/search?q=' } }),
      { path: '/search?q=1' },
      hit,
    ],
    [
      'exact ignores the query string',
      guarded({ uri: { exact: '/foo' } }),
      { path: '/foo?a=1' },
      hit,
    ],
    ['exact /foo is not /foo/', guarded({ uri: { exact: '/foo' } }), { path: '/foo/' }, miss],
    [
      'regex is anchored at the end',
      guarded({ uri: { regex: '/foo' } }),
      { path: '/foo/bar' },
      miss,
    ],
    [
      'regex is anchored at the start',
      guarded({ uri: { regex: 'bar' } }),
      { path: '/foo/bar' },
      miss,
    ],
    [
      'regex matching the whole path',
      guarded({ uri: { regex: '/api/v[0-9]+/.*' } }),
      { path: '/api/v2/items' },
      hit,
    ],
    [
      'regex excludes the query string',
      guarded({ uri: { regex: '/search' } }),
      { path: '/search?q=1' },
      hit,
    ],
    [
      'regex cannot see the query string',
      guarded({ uri: { regex: '.*q=1.*' } }),
      { path: '/search?q=1' },
      miss,
    ],
    [
      'RE2 rejects negative look-ahead',
      guarded({ uri: { regex: '(?!/admin).*' } }),
      { path: '/public' },
      miss,
    ],
    ['RE2 rejects look-behind', guarded({ uri: { regex: '.*(?<=/x)' } }), { path: '/x' }, miss],
    ['RE2 rejects back-references', guarded({ uri: { regex: '/(a)\\1' } }), { path: '/aa' }, miss],
    [
      'ignoreUriCase on exact',
      guarded({ uri: { exact: '/ProductPage' }, ignoreUriCase: true }),
      { path: '/PRODUCTPAGE' },
      hit,
    ],
    [
      'ignoreUriCase on prefix',
      guarded({ uri: { prefix: '/API' }, ignoreUriCase: true }),
      { path: '/api/v1' },
      hit,
    ],
    [
      'without ignoreUriCase exact is case-sensitive',
      guarded({ uri: { exact: '/ProductPage' } }),
      { path: '/productpage' },
      miss,
    ],
    [
      'ignoreUriCase leaves a regex case-sensitive (Envoy)',
      guarded({ uri: { regex: '/abc' }, ignoreUriCase: true }),
      { path: '/ABC' },
      miss,
    ],
    [
      '(?i) makes a regex case-insensitive',
      guarded({ uri: { regex: '(?i)/abc' } }),
      { path: '/ABC' },
      hit,
    ],
    // Headers: present, withoutHeaders, repeated values.
    [
      'header {} means present',
      guarded({ headers: { 'x-canary': {} } }),
      { headers: { 'x-canary': '' } },
      hit,
    ],
    ['header {} absent', guarded({ headers: { 'x-canary': {} } }), {}, miss],
    [
      'header regex * means present',
      guarded({ headers: { 'x-canary': { regex: '*' } } }),
      { headers: { 'x-canary': 'no' } },
      hit,
    ],
    [
      'header regex .* needs the header',
      guarded({ headers: { 'x-canary': { regex: '.*' } } }),
      {},
      miss,
    ],
    [
      'header names are case-insensitive',
      guarded({ headers: { 'X-Canary': { exact: 'yes' } } }),
      { headers: { 'x-canary': 'yes' } },
      hit,
    ],
    [
      'repeated header values are joined with a comma',
      guarded({ headers: { x: { exact: 'a,b' } } }),
      { headers: { x: ['a', 'b'] } },
      hit,
    ],
    [
      'withoutHeaders: absent header is the empty string',
      guarded({ withoutHeaders: { 'x-beta': { exact: 'on' } } }),
      {},
      hit,
    ],
    [
      'withoutHeaders: other value',
      guarded({ withoutHeaders: { 'x-beta': { exact: 'on' } } }),
      { headers: { 'x-beta': 'off' } },
      hit,
    ],
    [
      'withoutHeaders: the excluded value',
      guarded({ withoutHeaders: { 'x-beta': { exact: 'on' } } }),
      { headers: { 'x-beta': 'on' } },
      miss,
    ],
    [
      'withoutHeaders exact "" excludes an absent header',
      guarded({ withoutHeaders: { 'x-beta': { exact: '' } } }),
      {},
      miss,
    ],
    [
      'withoutHeaders regex .* excludes an absent header',
      guarded({ withoutHeaders: { 'x-beta': { regex: '.*' } } }),
      {},
      miss,
    ],
    ['withoutHeaders {} means absent', guarded({ withoutHeaders: { 'x-beta': {} } }), {}, hit],
    [
      'withoutHeaders {} with the header present',
      guarded({ withoutHeaders: { 'x-beta': {} } }),
      { headers: { 'x-beta': '' } },
      miss,
    ],
    // Cookies: the regex is evaluated exactly as written.
    [
      'docs cookie regex, cookie first',
      guarded({ headers: { cookie: { regex: cookieAsDocs } } }),
      { headers: { cookie: 'user=jason' } },
      hit,
    ],
    [
      'docs cookie regex, no space',
      guarded({ headers: { cookie: { regex: cookieAsDocs } } }),
      { headers: { cookie: 'a=1;user=jason' } },
      hit,
    ],
    [
      'docs cookie regex misses the browser form',
      guarded({ headers: { cookie: { regex: cookieAsDocs } } }),
      { headers: { cookie: 'a=1; user=jason' } },
      miss,
    ],
    [
      'builder cookie regex, browser form',
      guarded({ headers: { cookie: { regex: cookieWithSpace } } }),
      { headers: { cookie: 'a=1; user=jason; b=2' } },
      hit,
    ],
    [
      'builder cookie regex, other value',
      guarded({ headers: { cookie: { regex: cookieWithSpace } } }),
      { headers: { cookie: 'a=1; user=jasonx' } },
      miss,
    ],
    [
      'builder cookie regex, longer name',
      guarded({ headers: { cookie: { regex: cookieWithSpace } } }),
      { headers: { cookie: 'xuser=jason' } },
      miss,
    ],
    // Other request fields.
    ['method', guarded({ method: { exact: 'POST' } }), { method: 'POST' }, hit],
    ['method mismatch', guarded({ method: { exact: 'POST' } }), {}, miss],
    ['scheme', guarded({ scheme: { exact: 'https' } }), { scheme: 'https' }, hit],
    ['authority includes the port', guarded({ authority: { exact: 'reviews:9080' } }), {}, hit],
    [
      'authority prefix',
      guarded({ authority: { prefix: 'reviews.default' } }),
      { host: 'reviews.default:9080' },
      hit,
    ],
    [
      'queryParams exact',
      guarded({ queryParams: { u: { exact: 'test' } } }),
      { path: '/p?u=test' },
      hit,
    ],
    [
      'queryParams exact, other value',
      guarded({ queryParams: { u: { exact: 'test' } } }),
      { path: '/p?u=normal' },
      miss,
    ],
    [
      'queryParams are percent-decoded',
      guarded({ queryParams: { q: { exact: 'a b' } } }),
      { path: '/p?q=a%20b' },
      hit,
    ],
    [
      'queryParams: the first of repeated values',
      guarded({ queryParams: { u: { exact: 'a' } } }),
      { path: '/p?u=b&u=a' },
      miss,
    ],
    [
      'queryParams {} means present',
      guarded({ queryParams: { debug: {} } }),
      { path: '/p?debug' },
      hit,
    ],
    // Fields that choose the proxy, not the request.
    ['sourceLabels of the caller', guarded({ sourceLabels: { app: 'productpage' } }), {}, hit],
    [
      'sourceLabels of another caller',
      guarded({ sourceLabels: { app: 'productpage' } }),
      { sourceLabels: { app: 'reviews' } },
      miss,
    ],
    ['sourceNamespace', guarded({ sourceNamespace: 'default' }), {}, hit],
    [
      'sourceNamespace of another caller',
      guarded({ sourceNamespace: 'default' }),
      { host: 'reviews.default', sourceNamespace: 'test' },
      miss,
    ],
    ['port', guarded({ port: 9080 }), {}, hit],
    ['another port', guarded({ port: 9080 }), { port: 9081 }, miss],
    [
      'match gateways override sourceLabels',
      guarded({ gateways: ['mesh'], sourceLabels: { app: 'nobody' } }),
      {},
      hit,
    ],
    [
      'match gateways without mesh never hold in a sidecar',
      guarded({ gateways: ['bookinfo-gateway'] }),
      {},
      miss,
    ],
    // Rule order.
    [
      'first rule wins over a later, more specific one',
      configWith(
        reviewsWith(
          toReviews('v3', { match: [{ uri: { prefix: '/' } }] }),
          toReviews('v2', { match: [{ headers: { 'end-user': { exact: 'jason' } } }] }),
        ),
      ),
      { headers: jason },
      'reviews/v3',
    ],
    [
      'rules after a catch-all are never reached',
      configWith(
        reviewsWith(
          toReviews('v1'),
          toReviews('v2', { match: [{ headers: { 'end-user': { exact: 'jason' } } }] }),
        ),
      ),
      { headers: jason },
      'reviews/v1',
    ],
    [
      'no rule holds: 404 NR',
      configWith(reviewsWith(toReviews('v2', { match: [{ uri: { exact: '/x' } }] }))),
      {},
      '404 NR',
    ],
    [
      'subset no DestinationRule defines: 503 NC',
      configWith(reviewsWith(toReviews('v9'))),
      {},
      '503 NC',
    ],
  ])('%s', (_name, config, request, expected) => {
    expect(describeDecision(routeRequest(meshRequest(request), config, Math.random))).toBe(
      expected,
    );
  });
});
