import { describe, expect, it } from 'vitest';
import type { VirtualService } from '../istio/types';
import { reviewsSpec } from './fixtures.test-support';
import { releaseRecordAnnotation } from './names';
import { planTraffic, type TrafficPlan } from './traffic-plan';
import {
  applyToVirtualService,
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
