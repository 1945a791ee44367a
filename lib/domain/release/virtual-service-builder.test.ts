import { describe, expect, it } from 'vitest';
import { loadBookinfoSample } from '../istio/bookinfo-networking.fixture';
import { routeRequest } from '../istio/route-request';
import {
  bookinfoServices,
  constantRandom,
  describeDecision,
  destinationRule as istioDestinationRule,
  gatewayRequest,
} from '../istio/routing.fixture';
import { seededRandom } from '../istio/seeded-random';
import type { HTTPRoute, RoutingConfig, VirtualService } from '../istio/types';
import { reviewsSpec } from './fixtures.test-support';
import { releaseRecordAnnotation } from './names';
import type { ReleaseJobSpec } from './release-job-schema';
import { planTraffic, type TrafficPlan } from './traffic-plan';
import {
  applyToVirtualService,
  applyToVirtualServiceWithWarnings,
  ownVirtualServiceSpec,
  restoreVirtualService,
  routeWeights,
  type RouteContext,
} from './virtual-service-builder';

const ctx = (
  plan: TrafficPlan,
  ports: RouteContext['ports'] = [{ port: 9080, protocol: 'http' }],
): RouteContext => ({
  job: 'reviews-canary',
  namespace: 'demo-project',
  service: 'reviews',
  ports,
  plan,
});
const planOf = (spec = reviewsSpec()) => planTraffic({ spec, newVersionReady: true });

const userVs = (): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'demo-project' },
  spec: {
    hosts: ['reviews'],
    http: [
      {
        name: 'debug',
        match: [{ headers: { 'x-debug': { exact: '1' } } }],
        directResponse: { status: 418 },
      },
      { name: 'all', route: [{ destination: { host: 'reviews', subset: 'v1' } }], timeout: '3s' },
    ],
  },
});

describe('ownVirtualServiceSpec', () => {
  it('writes the walkthrough 50/50 exactly', () => {
    expect(ownVirtualServiceSpec(ctx(planOf()))).toEqual({
      hosts: ['reviews'],
      http: [
        {
          name: 'reviews-canary-aviary-default',
          route: [
            { destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } }, weight: 50 },
            { destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } }, weight: 50 },
          ],
        },
      ],
    });
  });

  it.each([
    ['blue-green', reviewsSpec({ mode: 'BlueGreen' }), { v2: 100 }],
    ['take-over by v2', reviewsSpec({ takeOver: 'v2' }), { v2: 100 }],
    ['rollback', reviewsSpec({ takeOver: 'v2', rollback: true }), { v1: 100 }],
    ['offline keeping v2', reviewsSpec({ offline: { keep: 'v2' } }), { v2: 100 }],
    ['weight 0', reviewsSpec({ traffic: { weight: 0 } }), { v1: 100 }],
    ['weight 100', reviewsSpec({ traffic: { weight: 100 } }), { v2: 100 }],
  ])('%s: one split on every port, HTTP and TCP', (_, spec, weights) => {
    const ports = [
      { port: 9080, protocol: 'http' as const },
      { port: 9443, protocol: 'http' as const },
      { port: 5432, protocol: 'tcp' as const },
    ];
    const vs = ownVirtualServiceSpec(ctx(planOf(spec), ports));
    expect(vs.http!.map((r) => [r.match?.[0]?.port, routeWeights(r, ctx(planOf()))])).toEqual([
      [9080, weights],
      [9443, weights],
    ]);
    expect(vs.tcp!.map((r) => [r.match?.[0]?.port, routeWeights(r, ctx(planOf()))])).toEqual([
      [5432, weights],
    ]);
  });

  it('mirrors to the new version with the percentage, all traffic to stable', () => {
    const vs = ownVirtualServiceSpec(
      ctx(planOf(reviewsSpec({ mode: 'Mirror', traffic: { mirrorPercentage: 30 } }))),
    );
    expect(vs.http![0]).toMatchObject({
      route: [
        { destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } }, weight: 100 },
      ],
      mirror: { host: 'reviews', subset: 'v2', port: { number: 9080 } },
      mirrorPercentage: { value: 30 },
    });
  });

  it('puts content rules first, conditions AND-ed in ONE block, then the default split', () => {
    const spec = reviewsSpec({
      traffic: {
        weight: 10,
        rules: [
          {
            name: 'jason',
            conditions: [
              { kind: 'header', name: 'end-user', operator: 'exact', value: 'jason' },
              { kind: 'uri', operator: 'prefix', value: '/reviews' },
            ],
          },
          { conditions: [{ kind: 'clientOs', os: 'android' }], weight: 50 },
        ],
      },
    });
    const http = ownVirtualServiceSpec(ctx(planOf(spec))).http!;
    expect(http.map((r) => r.name)).toEqual([
      'reviews-canary-aviary-jason',
      'reviews-canary-aviary-rule-1',
      'reviews-canary-aviary-default',
    ]);
    expect(http[0]!.match).toEqual([
      { headers: { 'end-user': { exact: 'jason' } }, uri: { prefix: '/reviews' } },
    ]);
    expect(routeWeights(http[0]!, ctx(planOf()))).toEqual({ v2: 100 });
    expect(routeWeights(http[1]!, ctx(planOf()))).toEqual({ v1: 50, v2: 50 });
    expect(routeWeights(http[2]!, ctx(planOf()))).toEqual({ v1: 90, v2: 10 });
  });
});

describe("applyToVirtualService / restoreVirtualService on someone else's VirtualService", () => {
  it("replaces only the destinations to the service, keeps the user's routes, and restores exactly", () => {
    const original = userVs();
    const applied = applyToVirtualService(original, ctx(planOf()), true);
    expect(applied.spec.http![0]).toEqual(original.spec.http![0]);
    expect(applied.spec.http![1]).toMatchObject({ name: 'all', timeout: '3s' });
    expect(routeWeights(applied.spec.http![1]!, ctx(planOf()))).toEqual({ v1: 50, v2: 50 });
    expect(applied.metadata.annotations?.[releaseRecordAnnotation]).toBeDefined();
    expect(applyToVirtualService(applied, ctx(planOf()), true)).toEqual(applied);
    expect(restoreVirtualService(applied, ctx(planOf()))).toEqual(original);
  });

  it("inserts content rules before the first route to the service, not before the user's earlier routes", () => {
    const spec = reviewsSpec({
      traffic: {
        weight: 0,
        rules: [{ conditions: [{ kind: 'cookie', name: 'user', value: 'jason' }] }],
      },
    });
    const applied = applyToVirtualService(userVs(), ctx(planOf(spec)), true);
    expect(applied.spec.http!.map((r) => r.name)).toEqual([
      'debug',
      'reviews-canary-aviary-rule-0',
      'all',
    ]);
    expect(restoreVirtualService(applied, ctx(planOf(spec)))).toEqual(userVs());
  });

  it('a gateway VirtualService gets the split on its routes to the service, other routes untouched', () => {
    const gateway: VirtualService = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'bookinfo', namespace: 'demo-project' },
      spec: {
        hosts: ['*'],
        gateways: ['bookinfo-gateway'],
        http: [
          {
            match: [{ uri: { exact: '/productpage' } }],
            route: [{ destination: { host: 'productpage', port: { number: 9080 } } }],
          },
          {
            match: [{ uri: { prefix: '/reviews' } }],
            route: [
              {
                destination: {
                  host: 'reviews.demo-project.svc.cluster.local',
                  port: { number: 9080 },
                },
              },
            ],
          },
        ],
      },
    };
    const applied = applyToVirtualService(gateway, ctx(planOf()), false);
    expect(applied.spec.http![0]).toEqual(gateway.spec.http![0]);
    expect(routeWeights(applied.spec.http![1]!, ctx(planOf()))).toEqual({ v1: 50, v2: 50 });
    expect(restoreVirtualService(applied, ctx(planOf()))).toEqual(gateway);
  });

  it('scales the split into the share the service had beside another host', () => {
    const vs = userVs();
    vs.spec.http![1]!.route = [
      { destination: { host: 'reviews' }, weight: 80 },
      { destination: { host: 'fallback' }, weight: 20 },
    ];
    const applied = applyToVirtualService(vs, ctx(planOf()), true);
    expect(
      applied.spec.http![1]!.route!.map((d) => [
        d.destination.host,
        d.destination.subset,
        d.weight,
      ]),
    ).toEqual([
      ['fallback', undefined, 20],
      ['reviews', 'v1', 40],
      ['reviews', 'v2', 40],
    ]);
  });

  it('offline keeping the new version: restored destinations to the removed version lose their subset', () => {
    const applied = applyToVirtualService(
      userVs(),
      ctx(planOf(reviewsSpec({ offline: { keep: 'v2' } }))),
      true,
    );
    const restored = restoreVirtualService(applied, ctx(planOf()), { removedVersion: 'v1' });
    expect(restored.spec.http![1]!.route).toEqual([{ destination: { host: 'reviews' } }]);
    expect(restored.metadata.annotations).toBeUndefined();
  });

  it('TCP routes to the service are split and restored too', () => {
    const vs: VirtualService = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'db', namespace: 'demo-project' },
      spec: {
        hosts: ['reviews'],
        tcp: [
          {
            match: [{ port: 5432 }],
            route: [{ destination: { host: 'reviews', port: { number: 5432 } } }],
          },
        ],
      },
    };
    const c = ctx(planOf(reviewsSpec({ takeOver: 'v2' })), [{ port: 5432, protocol: 'tcp' }]);
    const applied = applyToVirtualService(vs, c, true);
    expect(applied.spec.tcp![0]!.route).toEqual([
      { destination: { host: 'reviews', subset: 'v2', port: { number: 5432 } }, weight: 100 },
    ]);
    expect(restoreVirtualService(applied, c)).toEqual(vs);
  });
});

describe("content rules on a gateway's VirtualService (one that does not host the service)", () => {
  const pp = (
    traffic: ReleaseJobSpec['traffic'],
    ports: RouteContext['ports'] = [{ port: 9080, protocol: 'http' }],
  ): RouteContext => ({
    job: 'productpage-canary',
    namespace: 'default',
    service: 'productpage',
    ports,
    plan: planOf(
      reviewsSpec({
        service: 'productpage',
        newVersion: {
          version: 'v2',
          image: 'docker.io/istio/examples-bookinfo-productpage-v1:1.20.3',
        },
        traffic,
      }),
    ),
  });
  const jasonRule = {
    name: 'jason',
    conditions: [
      { kind: 'header' as const, name: 'end-user', operator: 'exact' as const, value: 'jason' },
    ],
  };
  /** Istio's samples/bookinfo/networking/bookinfo-gateway.yaml, verbatim. */
  const bookinfoGateway = () => loadBookinfoSample('bookinfo-gateway').virtualServices[0]!;
  const routing = (vs: VirtualService): RoutingConfig => ({
    virtualServices: [vs],
    destinationRules: [istioDestinationRule('productpage', ['v1', 'v2'])],
    services: bookinfoServices,
  });
  const route = (config: RoutingConfig, path: string, headers: Record<string, string> = {}) =>
    describeDecision(routeRequest(gatewayRequest({ path, headers }), config, constantRandom(0)));

  it("inserts one route per rule before the service's route, matching the AND of both, and restores exactly", () => {
    const original = bookinfoGateway();
    const c = pp({ weight: 0, rules: [jasonRule] });
    const { virtualService: applied, warnings } = applyToVirtualServiceWithWarnings(
      original,
      c,
      false,
    );
    expect(warnings).toEqual([]);
    const jason = { 'end-user': { exact: 'jason' } };
    expect(applied.spec.http).toEqual([
      {
        name: 'productpage-canary-aviary-jason-http-0',
        match: [
          { uri: { exact: '/productpage' }, headers: jason },
          { uri: { prefix: '/static' }, headers: jason },
          { uri: { exact: '/login' }, headers: jason },
          { uri: { exact: '/logout' }, headers: jason },
          { uri: { prefix: '/api/v1/products' }, headers: jason },
        ],
        route: [
          {
            destination: { host: 'productpage', subset: 'v2', port: { number: 9080 } },
            weight: 100,
          },
        ],
      },
      {
        match: original.spec.http![0]!.match,
        route: [
          {
            destination: { host: 'productpage', subset: 'v1', port: { number: 9080 } },
            weight: 100,
          },
        ],
      },
    ]);
    expect(applyToVirtualService(applied, c, false)).toEqual(applied);
    expect(restoreVirtualService(applied, c)).toEqual(original);
  });

  it("through routeRequest: jason's requests go to the new version, the others follow the split, /static too", () => {
    const config = routing(
      applyToVirtualService(bookinfoGateway(), pp({ weight: 0, rules: [jasonRule] }), false),
    );
    const jason = { 'end-user': 'jason' };
    expect(
      ['/productpage', '/static/bootstrap.css', '/login', '/api/v1/products/0', '/reviews/0'].map(
        (path) => [path, route(config, path, jason), route(config, path)],
      ),
    ).toEqual([
      ['/productpage', 'productpage/v2', 'productpage/v1'],
      ['/static/bootstrap.css', 'productpage/v2', 'productpage/v1'],
      ['/login', 'productpage/v2', 'productpage/v1'],
      ['/api/v1/products/0', 'productpage/v2', 'productpage/v1'],
      ['/reviews/0', '404 NR', '404 NR'],
    ]);
    expect(route(config, '/productpage', { 'end-user': 'mary' })).toBe('productpage/v1');
  });

  it('with a 30 % default split, only the requests outside the rule are drawn', () => {
    const config = routing(
      applyToVirtualService(bookinfoGateway(), pp({ weight: 30, rules: [jasonRule] }), false),
    );
    const random = seededRandom(11);
    const draw = (headers: Record<string, string>) => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < 1000; i++) {
        const seen = describeDecision(
          routeRequest(gatewayRequest({ path: '/productpage', headers }), config, random),
        );
        counts[seen] = (counts[seen] ?? 0) + 1;
      }
      return counts;
    };
    expect(draw({ 'end-user': 'jason' })).toEqual({ 'productpage/v2': 1000 });
    const others = draw({});
    // Binomial(1000, 0.3): 300 ± 14.5; the seed fixes the draw, the bounds say what it means.
    expect(others['productpage/v2']).toBeGreaterThan(250);
    expect(others['productpage/v2']).toBeLessThan(350);
    expect(others['productpage/v1']! + others['productpage/v2']!).toBe(1000);
  });

  it("a URI condition meets the route's URI blocks: the AND where there is one, nothing where they are disjoint", () => {
    const apiRule = {
      name: 'api',
      conditions: [{ kind: 'uri' as const, operator: 'prefix' as const, value: '/api/v1' }],
    };
    const c = pp({ weight: 0, rules: [apiRule] });
    const { virtualService: applied, warnings } = applyToVirtualServiceWithWarnings(
      bookinfoGateway(),
      c,
      false,
    );
    expect(warnings).toEqual([]);
    expect(applied.spec.http![0]).toMatchObject({
      name: 'productpage-canary-aviary-api-http-0',
      match: [{ uri: { prefix: '/api/v1/products' } }],
    });
    const config = routing(applied);
    expect(route(config, '/api/v1/products/0')).toBe('productpage/v2');
    expect(route(config, '/productpage')).toBe('productpage/v1');
    expect(route(config, '/api/v1/other')).toBe('404 NR');
  });

  it('an exact path a URI regex holds for becomes that path; a regex beside a prefix is reported', () => {
    const regexRule = {
      name: 'pages',
      conditions: [
        { kind: 'uri' as const, operator: 'regex' as const, value: '/(productpage|static/.*)' },
        { kind: 'header' as const, name: 'end-user', operator: 'exact' as const, value: 'jason' },
      ],
    };
    const c = pp({ weight: 0, rules: [regexRule] });
    const { virtualService: applied, warnings } = applyToVirtualServiceWithWarnings(
      bookinfoGateway(),
      c,
      false,
    );
    expect(applied.spec.http![0]!.match).toEqual([
      { uri: { exact: '/productpage' }, headers: { 'end-user': { exact: 'jason' } } },
    ]);
    expect(warnings).toEqual([
      {
        virtualService: 'bookinfo',
        route: 'http[0]',
        rule: 'pages',
        skipped: false,
        reasons: [
          'uri: prefix "/static" and regex "/(productpage|static/.*)" cannot be AND-ed in one match block',
          'uri: prefix "/api/v1/products" and regex "/(productpage|static/.*)" cannot be AND-ed in one match block',
        ],
        message:
          'content rule pages applies only in part to route http[0] of VirtualService bookinfo (the rest follows the default split): uri: prefix "/static" and regex "/(productpage|static/.*)" cannot be AND-ed in one match block; uri: prefix "/api/v1/products" and regex "/(productpage|static/.*)" cannot be AND-ed in one match block',
      },
    ]);
    const config = routing(applied);
    expect(route(config, '/productpage', { 'end-user': 'jason' })).toBe('productpage/v2');
    // The part that could not be written: jason's /static requests follow the default split.
    expect(route(config, '/static/app.css', { 'end-user': 'jason' })).toBe('productpage/v1');
  });

  it('a rule no combination of which can be written is skipped on that route, with a warning', () => {
    const cssRule = {
      name: 'css',
      conditions: [{ kind: 'uri' as const, operator: 'regex' as const, value: '/static/.*\\.css' }],
    };
    const c = pp({ weight: 0, rules: [cssRule, jasonRule] });
    const original = bookinfoGateway();
    const { virtualService: applied, warnings } = applyToVirtualServiceWithWarnings(
      original,
      c,
      false,
    );
    expect(applied.spec.http!.map((r) => r.name)).toEqual([
      'productpage-canary-aviary-jason-http-0',
      undefined,
    ]);
    expect(warnings.map((w) => [w.rule, w.route, w.skipped])).toEqual([['css', 'http[0]', true]]);
    expect(warnings[0]!.message).toMatch(
      /^content rule css does not apply to route http\[0\] of VirtualService bookinfo: uri: prefix "\/static" and regex/,
    );
    expect(restoreVirtualService(applied, c)).toEqual(original);
  });

  it("keeps how the route serves (rewrite, timeout, retries, headers, CORS, fault) and crosses each of its blocks with the rule's", () => {
    const gateway: VirtualService = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'front', namespace: 'default' },
      spec: {
        hosts: ['shop.example.com'],
        gateways: ['bookinfo-gateway'],
        http: [
          {
            name: 'health',
            match: [{ uri: { exact: '/healthz' } }],
            directResponse: { status: 200 },
          },
          {
            name: 'shop',
            match: [
              { name: 'beta', uri: { prefix: '/shop' }, headers: { 'x-env': { exact: 'beta' } } },
              { uri: { prefix: '/cart' }, port: 8080 },
            ],
            rewrite: { uri: '/' },
            timeout: '5s',
            retries: { attempts: 2, perTryTimeout: '1s' },
            headers: { request: { set: { 'x-from': 'gateway' } } },
            corsPolicy: { allowOrigins: [{ exact: 'https://shop.example.com' }] },
            fault: { delay: { fixedDelay: '1s', percentage: { value: 0 } } },
            route: [
              { destination: { host: 'productpage', port: { number: 9080 } }, weight: 80 },
              { destination: { host: 'fallback' }, weight: 20 },
            ],
          } as HTTPRoute,
          { name: 'rest', route: [{ destination: { host: 'productpage' } }] },
        ],
      },
    };
    const original = structuredClone(gateway);
    const c = pp({ weight: 50, rules: [jasonRule] });
    const { virtualService: applied, warnings } = applyToVirtualServiceWithWarnings(
      gateway,
      c,
      false,
    );
    expect(warnings).toEqual([]);
    const http = applied.spec.http!;
    expect(http.map((r) => r.name)).toEqual([
      'health',
      'productpage-canary-aviary-jason-shop',
      'shop',
      'productpage-canary-aviary-jason-rest',
      'rest',
    ]);
    const { name: _name, match: _match, route: _route, ...serving } = gateway.spec.http![1]!;
    expect(http[1]).toEqual({
      ...serving,
      name: 'productpage-canary-aviary-jason-shop',
      match: [
        {
          name: 'beta',
          uri: { prefix: '/shop' },
          headers: { 'x-env': { exact: 'beta' }, 'end-user': { exact: 'jason' } },
        },
        { uri: { prefix: '/cart' }, port: 8080, headers: { 'end-user': { exact: 'jason' } } },
      ],
      // The rule decides among the service's versions; the other host keeps its share.
      route: [
        { destination: { host: 'fallback' }, weight: 20 },
        {
          destination: { host: 'productpage', subset: 'v2', port: { number: 9080 } },
          weight: 80,
        },
      ],
    });
    // A catch-all route combined with a rule: the rule's match alone.
    expect(http[3]!.match).toEqual([{ headers: { 'end-user': { exact: 'jason' } } }]);
    expect(routeWeights(http[4]!, c)).toEqual({ v1: 50, v2: 50 });
    expect(gateway).toEqual(original);
    expect(applyToVirtualService(applied, c, false)).toEqual(applied);
    expect(restoreVirtualService(applied, c)).toEqual(original);
  });

  it('routes that share a name get their position in the names of the rule routes', () => {
    const vs: VirtualService = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'front', namespace: 'default' },
      spec: {
        hosts: ['*'],
        gateways: ['bookinfo-gateway'],
        http: [
          {
            name: 'pp',
            match: [{ uri: { prefix: '/a' } }],
            route: [{ destination: { host: 'productpage' } }],
          },
          {
            name: 'pp',
            match: [{ uri: { prefix: '/b' } }],
            route: [{ destination: { host: 'productpage' } }],
          },
        ],
      },
    };
    const c = pp({ weight: 0, rules: [jasonRule] });
    const applied = applyToVirtualService(vs, c, false);
    expect(applied.spec.http!.map((r) => r.name)).toEqual([
      'productpage-canary-aviary-jason-http-0',
      'pp',
      'productpage-canary-aviary-jason-http-1',
      'pp',
    ]);
    expect(restoreVirtualService(applied, c)).toEqual(vs);
  });

  it("a VirtualService that hosts the service keeps today's rules: as written, before its first route", () => {
    const c = pp({ weight: 0, rules: [jasonRule] });
    const vs: VirtualService = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'productpage', namespace: 'default' },
      spec: {
        hosts: ['productpage'],
        http: [
          { match: [{ uri: { prefix: '/' } }], route: [{ destination: { host: 'productpage' } }] },
        ],
      },
    };
    const applied = applyToVirtualServiceWithWarnings(vs, c, true);
    expect(applied.warnings).toEqual([]);
    expect(applied.virtualService.spec.http![0]).toEqual({
      name: 'productpage-canary-aviary-jason',
      match: [{ headers: { 'end-user': { exact: 'jason' } } }],
      route: [
        { destination: { host: 'productpage', subset: 'v2', port: { number: 9080 } }, weight: 100 },
      ],
    });
  });

  it("two jobs in one gateway VirtualService: each one's routes coming and going never shift the other's record", () => {
    const gateway: VirtualService = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'bookinfo', namespace: 'default' },
      spec: {
        hosts: ['*'],
        gateways: ['bookinfo-gateway'],
        http: [
          {
            match: [{ uri: { prefix: '/reviews' } }],
            route: [{ destination: { host: 'reviews' } }],
          },
          {
            match: [{ uri: { exact: '/productpage' } }],
            route: [{ destination: { host: 'productpage' } }],
          },
        ],
      },
    };
    const productpage = pp({ weight: 20, rules: [jasonRule] });
    const reviews: RouteContext = {
      ...ctx(planOf(reviewsSpec({ traffic: { weight: 10, rules: [jasonRule] } }))),
      namespace: 'default',
    };
    const withoutRules: RouteContext = { ...productpage, plan: { ...productpage.plan, rules: [] } };
    const both = applyToVirtualService(
      applyToVirtualService(gateway, reviews, false),
      productpage,
      false,
    );
    expect(both.spec.http!.map((r) => r.name)).toEqual([
      'reviews-canary-aviary-jason-http-0',
      undefined,
      'productpage-canary-aviary-jason-http-1',
      undefined,
    ]);
    // Taking reviews out first, or productpage's rules away, leaves the other restorable.
    expect(restoreVirtualService(restoreVirtualService(both, reviews), productpage)).toEqual(
      gateway,
    );
    expect(restoreVirtualService(restoreVirtualService(both, productpage), reviews)).toEqual(
      gateway,
    );
    const fewer = applyToVirtualService(
      applyToVirtualService(applyToVirtualService(gateway, productpage, false), reviews, false),
      withoutRules,
      false,
    );
    expect(restoreVirtualService(restoreVirtualService(fewer, reviews), withoutRules)).toEqual(
      gateway,
    );
  });
});
