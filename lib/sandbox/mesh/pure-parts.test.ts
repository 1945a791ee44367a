import { describe, expect, it } from 'vitest';
import type { Gateway } from '@/lib/domain/istio';
import type { KubeObject } from '../apiserver/types';
import { matchingGatewayServers } from './gateway-servers';
import { regexRewrittenPath, shadowAuthority } from './http-headers';
import { sidecarWanted } from './injection-policy';
import { readOutboundTarget } from './outbound-target';
import { decodePeerMetadata, encodePeerMetadata, peerMetadataHeader } from './peer-metadata';
import { formatResponseFlags } from './response-flags';
import { isRetriable } from './retry-policy';
import { parseTraceContext } from './trace-context';
import {
  ingressGatewayIdentity,
  ingressGatewayLabels,
  workloadIdentityOfPod,
} from './workload-identity';

const pod = (
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'reviews-v2-5d8f-x1', namespace: 'demo', labels, annotations },
});
const ns = (labels: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'demo', labels },
});

describe('sidecarWanted', () => {
  it.each([
    ['namespace enabled', pod(), ns({ 'istio-injection': 'enabled' }), true],
    ['namespace unlabelled', pod(), ns({}), false],
    ['no namespace object', pod(), undefined, false],
    ['pod annotation true', pod({}, { 'sidecar.istio.io/inject': 'true' }), ns({}), true],
    [
      'pod annotation false in enabled namespace',
      pod({}, { 'sidecar.istio.io/inject': 'false' }),
      ns({ 'istio-injection': 'enabled' }),
      false,
    ],
    [
      'pod label wins over annotation',
      pod({ 'sidecar.istio.io/inject': 'false' }, { 'sidecar.istio.io/inject': 'true' }),
      ns({}),
      false,
    ],
    [
      'namespace disabled beats pod true',
      pod({}, { 'sidecar.istio.io/inject': 'true' }),
      ns({ 'istio-injection': 'disabled' }),
      false,
    ],
    ['revision label', pod(), ns({ 'istio.io/rev': 'canary' }), true],
  ])('%s', (_case, p, n, expected) => expect(sidecarWanted(p, n)).toBe(expected));

  it('never injects host-network pods', () => {
    expect(
      sidecarWanted(
        { ...pod(), spec: { hostNetwork: true } },
        ns({ 'istio-injection': 'enabled' }),
      ),
    ).toBe(false);
  });
});

describe('workloadIdentityOfPod', () => {
  it('names the Deployment, canonical names and principal as Istio does', () => {
    const identity = workloadIdentityOfPod({
      ...pod({ app: 'reviews', version: 'v2', 'pod-template-hash': '5d8f' }),
      metadata: {
        ...pod().metadata,
        labels: { app: 'reviews', version: 'v2', 'pod-template-hash': '5d8f' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'reviews-v2-5d8f',
            uid: 'u',
            controller: true,
          },
        ],
      },
      spec: { serviceAccountName: 'bookinfo-reviews' },
      status: { podIP: '10.244.0.7' },
    });
    expect(identity).toMatchObject({
      workload: 'reviews-v2',
      app: 'reviews',
      version: 'v2',
      canonicalService: 'reviews',
      canonicalRevision: 'v2',
      principal: 'spiffe://cluster.local/ns/demo/sa/bookinfo-reviews',
      nodeId: 'sidecar~10.244.0.7~reviews-v2-5d8f-x1.demo~demo.svc.cluster.local',
    });
  });

  it('falls back to the pod name, the workload and "latest"', () => {
    expect(workloadIdentityOfPod(pod())).toMatchObject({
      workload: 'reviews-v2-5d8f-x1',
      canonicalService: 'reviews-v2-5d8f-x1',
      canonicalRevision: 'latest',
      app: '',
    });
  });
});

describe('formatResponseFlags', () => {
  it.each([
    [[], '-'],
    [['URX', 'UF'], 'UF,URX'],
    [['DI', 'UH'], 'UH,DI'],
    [['FI', 'DI'], 'DI,FI'],
  ] as const)('%j -> %s', (flags, text) => expect(formatResponseFlags(flags)).toBe(text));
});

describe('isRetriable', () => {
  const meshDefault = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';
  it.each([
    [meshDefault, { kind: 'connect-failure' }, true],
    [meshDefault, { kind: 'status', status: 503 }, true],
    [meshDefault, { kind: 'status', status: 500 }, false],
    [meshDefault, { kind: 'reset' }, false],
    ['5xx', { kind: 'status', status: 500 }, true],
    ['5xx', { kind: 'per-try-timeout' }, true],
    ['gateway-error', { kind: 'status', status: 500 }, false],
    ['gateway-error', { kind: 'status', status: 504 }, true],
    ['retriable-4xx', { kind: 'status', status: 409 }, true],
    ['reset', { kind: 'reset' }, true],
    ['429', { kind: 'status', status: 429 }, true],
  ] as const)('%s with %j: %s', (retryOn, outcome, expected) =>
    expect(isRetriable(retryOn, outcome)).toBe(expected),
  );
});

describe('parseTraceContext', () => {
  it('reads traceparent first, then B3 (64-bit trace ids padded)', () => {
    expect(
      parseTraceContext({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }),
    ).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
      sampled: true,
    });
    expect(
      parseTraceContext({
        'x-b3-traceid': 'a3ce929d0e0e4736',
        'x-b3-spanid': '00f067aa0ba902b7',
        'x-b3-sampled': '0',
      }),
    ).toEqual({
      traceId: '0000000000000000a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
      sampled: false,
    });
    expect(parseTraceContext({ traceparent: 'garbage' })).toBeUndefined();
    expect(parseTraceContext({})).toBeUndefined();
  });
});

describe('peer metadata', () => {
  it('round-trips an identity and refuses junk', () => {
    const identity = ingressGatewayIdentity('10.0.0.1');
    expect(decodePeerMetadata(encodePeerMetadata(identity)[peerMetadataHeader])).toEqual(identity);
    expect(decodePeerMetadata('not base64 json')).toBeUndefined();
    expect(decodePeerMetadata(Buffer.from('{"workload":1}').toString('base64'))).toBeUndefined();
  });
});

describe('readOutboundTarget', () => {
  it.each([
    [
      { url: '/reviews/0', headers: { host: 'reviews:9080' } },
      { authority: 'reviews:9080', port: 9080, path: '/reviews/0' },
    ],
    [
      { url: '/x?y=1', headers: { host: 'details' } },
      { authority: 'details', port: 80, path: '/x?y=1' },
    ],
    [
      { url: 'http://ratings:9080/ratings/1?a=b', headers: { host: 'ignored' } },
      { authority: 'ratings:9080', port: 9080, path: '/ratings/1?a=b' },
    ],
    [{ url: '/', headers: {} }, undefined],
  ])('%j', (req, expected) => expect(readOutboundTarget(req)).toEqual(expected));
});

describe('header helpers', () => {
  it('puts -shadow before the port', () => {
    expect(shadowAuthority('reviews:9080')).toBe('reviews-shadow:9080');
    expect(shadowAuthority('reviews')).toBe('reviews-shadow');
  });
  it('applies an RE2 regex rewrite to the path, keeping the query', () => {
    expect(
      regexRewrittenPath('/v1/items/7?x=1', { match: '^/v1/(.*)$', rewrite: '/api/\\1' }),
    ).toBe('/api/items/7?x=1');
  });
});

describe('matchingGatewayServers', () => {
  const gateway = (
    name: string,
    created: string,
    selector: Record<string, string>,
    hosts: string[],
    port = 8080,
  ): Gateway => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace: 'demo', creationTimestamp: created },
    spec: {
      selector,
      servers: [{ port: { number: port, name: 'http', protocol: 'HTTP' }, hosts }],
    },
  });
  it('offers the servers of gateways selecting the ingress gateway whose hosts accept the authority', () => {
    const gateways = [
      gateway('late', '2026-01-02T00:00:00Z', { istio: 'ingressgateway' }, ['*'], 80),
      gateway('bookinfo-gateway', '2026-01-01T00:00:00Z', { istio: 'ingressgateway' }, ['*']),
      gateway('other-selector', '2026-01-01T00:00:00Z', { istio: 'egressgateway' }, ['*']),
      gateway('named', '2026-01-01T00:00:00Z', { istio: 'ingressgateway' }, [
        'demo/shop.example.com',
      ]),
      gateway('wild', '2026-01-01T00:00:00Z', { istio: 'ingressgateway' }, ['*.example.com']),
    ];
    expect(matchingGatewayServers(gateways, ingressGatewayLabels, '127.0.0.1:9080')).toEqual([
      { gateway: 'demo/bookinfo-gateway', port: 8080 },
      { gateway: 'demo/late', port: 80 },
    ]);
    expect(
      matchingGatewayServers(gateways, ingressGatewayLabels, 'shop.example.com:9080').map(
        (match) => match.gateway,
      ),
    ).toEqual(['demo/bookinfo-gateway', 'demo/named', 'demo/wild', 'demo/late']);
  });
});
