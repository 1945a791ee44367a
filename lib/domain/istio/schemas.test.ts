import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  bookinfoNetworkingYaml,
  loadBookinfoSample,
  type BookinfoSample,
} from './bookinfo-networking.fixture';
import { destinationRuleSchema } from './destination-rule-schema';
import { gatewaySchema } from './gateway-schema';
import { virtualServiceSchema } from './virtual-service-schema';

describe('schemas read the Bookinfo samples', () => {
  it.each(Object.keys(bookinfoNetworkingYaml) as BookinfoSample[])('%s', (sample) => {
    const objects = loadBookinfoSample(sample);
    expect(
      objects.virtualServices.length + objects.destinationRules.length + objects.gateways.length,
    ).toBeGreaterThan(0);
  });
});

const withUnknownFields = parse(`
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: {name: reviews, namespace: default, uid: 1234}
spec:
  hosts: [reviews]
  http:
  - name: canary
    match:
    - headers: {end-user: {exact: jason}}
      statPrefix: jason
    corsPolicy: {allowOrigins: [{exact: "https://example.com"}]}
    route:
    - destination: {host: reviews, subset: v2, port: {number: 9080}}
      weight: 100
  - route:
    - destination: {host: reviews, subset: v1}
status: {observedGeneration: 3}
`) as unknown;

describe('virtualServiceSchema', () => {
  it('keeps fields it does not model, so writing back loses nothing', () => {
    expect(virtualServiceSchema.parse(withUnknownFields)).toEqual(withUnknownFields);
  });

  it.each<[string, (spec: Record<string, unknown>) => Record<string, unknown>, string]>([
    [
      'a negative weight',
      (spec) => ({
        ...spec,
        http: [{ route: [{ destination: { host: 'reviews' }, weight: -1 }] }],
      }),
      'weight',
    ],
    [
      'a fractional weight',
      (spec) => ({
        ...spec,
        http: [{ route: [{ destination: { host: 'reviews' }, weight: 0.5 }] }],
      }),
      'weight',
    ],
    [
      'a destination without host',
      (spec) => ({ ...spec, http: [{ route: [{ destination: { subset: 'v1' } }] }] }),
      'host',
    ],
    [
      'a mirror percentage above 100',
      (spec) => ({
        ...spec,
        http: [{ mirror: { host: 'reviews' }, mirrorPercentage: { value: 150 } }],
      }),
      'value',
    ],
    ['hosts that are not a list', (spec) => ({ ...spec, hosts: 'reviews' }), 'hosts'],
  ])('refuses %s', (_name, change, field) => {
    const object = withUnknownFields as { spec: Record<string, unknown> };
    const result = virtualServiceSchema.safeParse({ ...object, spec: change(object.spec) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).join(' ')).toContain(field);
  });

  it('refuses another kind', () => {
    expect(
      virtualServiceSchema.safeParse({ ...(withUnknownFields as object), kind: 'DestinationRule' })
        .success,
    ).toBe(false);
  });
});

describe('destinationRuleSchema and gatewaySchema', () => {
  it('keep traffic policies and TLS settings as written', () => {
    const rule = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'reviews' },
      spec: {
        host: 'reviews',
        trafficPolicy: {
          loadBalancer: { consistentHash: { httpCookie: { name: 'user', ttl: '0s' } } },
        },
        subsets: [
          {
            name: 'v1',
            labels: { version: 'v1' },
            trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } } },
          },
        ],
      },
    };
    expect(destinationRuleSchema.parse(rule)).toEqual(rule);
    const gateway = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'web' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 443, name: 'https', protocol: 'HTTPS' },
            hosts: ['*'],
            tls: { mode: 'SIMPLE', credentialName: 'web-cert' },
          },
        ],
      },
    };
    expect(gatewaySchema.parse(gateway)).toEqual(gateway);
  });

  it.each([
    ['a subset without name', { host: 'reviews', subsets: [{ labels: { version: 'v1' } }] }],
    ['no host', { subsets: [] }],
  ])('destinationRuleSchema refuses %s', (_name, spec) => {
    expect(
      destinationRuleSchema.safeParse({
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'x' },
        spec,
      }).success,
    ).toBe(false);
  });

  it('gatewaySchema refuses a server without hosts', () => {
    const spec = { servers: [{ port: { number: 80 }, hosts: [] }] };
    expect(
      gatewaySchema.safeParse({
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'x' },
        spec,
      }).success,
    ).toBe(false);
  });
});
