import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types';
import { buildMeshSnapshot } from './mesh-snapshot';
import { resolveUpstream } from './upstream-cluster';

const host = 'reviews.demo.svc.cluster.local';
const pod = (name: string, version: string, ip: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'demo', labels: { app: 'reviews', version } },
  status: { podIP: ip },
});
const address = (name: string, ip: string) => ({
  ip,
  targetRef: { kind: 'Pod', namespace: 'demo', name, uid: name },
});

const snapshot = buildMeshSnapshot({
  services: [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'reviews', namespace: 'demo' },
      spec: {
        selector: { app: 'reviews' },
        ports: [{ name: 'http', port: 9080, targetPort: 8080 }],
      },
    },
  ],
  endpoints: [
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'reviews', namespace: 'demo' },
      subsets: [
        {
          addresses: [address('r1', '10.0.0.1'), address('r2', '10.0.0.2')],
          notReadyAddresses: [address('r3', '10.0.0.3')],
          ports: [{ name: 'http', port: 8080 }],
        },
      ],
    },
  ],
  pods: [pod('r1', 'v1', '10.0.0.1'), pod('r2', 'v2', '10.0.0.2'), pod('r3', 'v3', '10.0.0.3')],
  namespaces: [],
  virtualServices: [],
  destinationRules: [
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'reviews', namespace: 'demo' },
      spec: {
        host: 'reviews',
        trafficPolicy: { loadBalancer: { simple: 'RANDOM' } },
        subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
      },
    },
  ],
  gateways: [],
});
const service = { name: 'reviews', namespace: 'demo' };

describe('resolveUpstream', () => {
  it("names the cluster after the subset and keeps the subset's ready pods on their target port", () => {
    const cluster = resolveUpstream(snapshot, { host, service, subset: 'v2', port: 9080 });
    expect(cluster?.name).toBe(`outbound|9080|v2|${host}`);
    expect(
      cluster?.endpoints.map((endpoint) => [
        endpoint.podIP,
        endpoint.port,
        endpoint.identity?.workload,
      ]),
    ).toEqual([['10.0.0.2', 8080, 'r2']]);
    expect(cluster?.loadBalancer).toBe('RANDOM');
  });

  it('spreads over every ready pod without a subset', () => {
    expect(
      resolveUpstream(snapshot, { host, service, port: 9080 })?.endpoints.map(
        (endpoint) => endpoint.podIP,
      ),
    ).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('gives no endpoints (503 UH) for a subset whose pods are not ready', () => {
    expect(
      resolveUpstream(snapshot, { host, service, subset: 'v3', port: 9080 })?.endpoints,
    ).toEqual([]);
  });

  it.each([
    ['an undefined subset', { host, service, subset: 'v9', port: 9080 }],
    ['a port the Service lacks', { host, service, port: 9090 }],
    ['an unregistered host', { host: 'nowhere.example.com', port: 80 }],
  ])('has no cluster (503 NC) for %s', (_case, destination) => {
    expect(resolveUpstream(snapshot, destination)).toBeUndefined();
  });
});
