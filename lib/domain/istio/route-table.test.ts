import { describe, expect, it } from 'vitest';
import { routeRequest } from './route-request';
import {
  configWith,
  describeDecision,
  destinationRule,
  meshRequest,
  reviewsWith,
  toReviews,
  virtualService,
} from './routing.fixture';
import type { MeshRequest, RoutingConfig } from './types';

describe('routeRequest: which VirtualService applies', () => {
  const otherNamespaceReviews = virtualService(
    'reviews',
    { hosts: ['reviews'], http: [toReviews('v2')] },
    { namespace: 'test' },
  );
  const fqdnReviews = virtualService('reviews-fqdn', {
    hosts: ['reviews.default.svc.cluster.local'],
    http: [toReviews('v2')],
  });
  const wildcard = virtualService('all-default', {
    hosts: ['*.default.svc.cluster.local'],
    http: [{ route: [{ destination: { host: 'reviews', subset: 'v3' } }] }],
  });
  const ingressOnly = virtualService('reviews-ingress', {
    hosts: ['reviews'],
    gateways: ['bookinfo-gateway'],
    http: [toReviews('v2')],
  });
  const both = virtualService('reviews-both', {
    hosts: ['reviews'],
    gateways: ['bookinfo-gateway', 'mesh'],
    http: [toReviews('v3', { match: [{ gateways: ['mesh'] }] }), toReviews('v2')],
  });
  const older = virtualService(
    'a-newer',
    { hosts: ['reviews'], http: [toReviews('v3')] },
    { creationTimestamp: '2024-02-01T00:00:00Z' },
  );
  const newer = virtualService(
    'b-older',
    { hosts: ['reviews'], http: [toReviews('v2')] },
    { creationTimestamp: '2024-01-01T00:00:00Z' },
  );
  const portOnly = virtualService('reviews-9081', {
    hosts: ['reviews'],
    http: [toReviews('v2', { match: [{ port: 9081 }] })],
  });
  const reviewsInTest: RoutingConfig = {
    ...configWith(otherNamespaceReviews),
    destinationRules: [destinationRule('reviews', ['v2'], 'test')],
    services: [{ name: 'reviews', namespace: 'test', ports: [9080] }],
  };

  it.each<[string, RoutingConfig, Partial<MeshRequest>, string]>([
    [
      'short name from the same namespace',
      configWith(reviewsWith(toReviews('v2'))),
      { host: 'reviews' },
      'reviews/v2',
    ],
    [
      'service.namespace',
      configWith(reviewsWith(toReviews('v2'))),
      { host: 'reviews.default:9080' },
      'reviews/v2',
    ],
    [
      'service.namespace.svc',
      configWith(reviewsWith(toReviews('v2'))),
      { host: 'reviews.default.svc' },
      'reviews/v2',
    ],
    [
      'FQDN request, short-name VirtualService',
      configWith(reviewsWith(toReviews('v2'))),
      { host: 'reviews.default.svc.cluster.local:9080' },
      'reviews/v2',
    ],
    [
      'short-name request, FQDN VirtualService',
      configWith(fqdnReviews),
      { host: 'reviews' },
      'reviews/v2',
    ],
    [
      'FQDN host is case-insensitive',
      configWith(fqdnReviews),
      { host: 'Reviews.Default.svc.cluster.local' },
      'reviews/v2',
    ],
    [
      'short name from another namespace is another service',
      configWith(reviewsWith(toReviews('v2'))),
      { host: 'reviews', sourceNamespace: 'test' },
      '404 NR',
    ],
    [
      'VirtualService short name resolves in its own namespace',
      reviewsInTest,
      { host: 'reviews', sourceNamespace: 'test' },
      'reviews/v2',
    ],
    [
      '... and not for the service of the same name elsewhere',
      configWith(otherNamespaceReviews),
      {},
      'reviews',
    ],
    ['wildcard host', configWith(wildcard), {}, 'reviews/v3'],
    [
      'exact host beats a wildcard',
      configWith(wildcard, reviewsWith(toReviews('v2'))),
      {},
      'reviews/v2',
    ],
    [
      'gateway-bound VirtualService ignores mesh traffic',
      configWith(ingressOnly, reviewsWith(toReviews('v1'))),
      {},
      'reviews/v1',
    ],
    [
      'gateway-bound VirtualService serves its gateway',
      configWith(ingressOnly, reviewsWith(toReviews('v1'))),
      { gateway: 'default/bookinfo-gateway' },
      'reviews/v2',
    ],
    [
      'gateway without any VirtualService: 404',
      configWith(reviewsWith(toReviews('v1'))),
      { gateway: 'default/bookinfo-gateway' },
      '404 NR',
    ],
    ['mesh and gateway: mesh-only block in a sidecar', configWith(both), {}, 'reviews/v3'],
    [
      'mesh and gateway: mesh-only block skipped at the gateway',
      configWith(both),
      { gateway: 'default/bookinfo-gateway' },
      'reviews/v2',
    ],
    ['sidecar keeps the oldest of two VirtualServices', configWith(older, newer), {}, 'reviews/v2'],
    [
      'gateway merges them, oldest first',
      configWith(
        {
          ...older,
          spec: {
            ...older.spec,
            gateways: ['bookinfo-gateway'],
            http: [toReviews('v3', { match: [{ uri: { prefix: '/x' } }] })],
          },
        },
        {
          ...newer,
          spec: {
            ...newer.spec,
            gateways: ['bookinfo-gateway'],
            http: [toReviews('v2', { match: [{ uri: { prefix: '/y' } }] })],
          },
        },
      ),
      { gateway: 'default/bookinfo-gateway', path: '/x' },
      'reviews/v3',
    ],
    [
      'a VirtualService with no route on this port leaves the default',
      configWith(portOnly),
      {},
      'reviews',
    ],
    ['... and routes on its port', configWith(portOnly), { port: 9081 }, 'reviews/v2'],
    ['unknown host without VirtualService: 404', configWith(), { host: 'unknown' }, '404 NR'],
  ])('%s', (_name, config, request, expected) => {
    expect(describeDecision(routeRequest(meshRequest(request), config, Math.random))).toBe(
      expected,
    );
  });
});
