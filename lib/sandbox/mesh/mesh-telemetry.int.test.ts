import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readObjects, networkingDir } from '@/test/support/bookinfo-fixtures';
import { waitFor } from '@/test/support/wait-for';
import { ISTIO_LABEL_NAMES } from '../telemetry/metrics/istio-metrics';
import type { CounterFamily } from '../telemetry/metrics/registry';
import { istioResources } from './mesh-config';
import {
  destinationRule,
  httpGet,
  namespace,
  percentile,
  startMeshFixture,
  weightedRoutes,
  type FakeApp,
  type MeshFixture,
} from './mesh-test-support';

describe('mesh telemetry, gateway, retries and config propagation', () => {
  let fixture: MeshFixture;
  let caller: FakeApp;
  let reviewsV2: FakeApp;

  beforeAll(async () => {
    fixture = await startMeshFixture(3);
    caller = await fixture.addPod('productpage', 'v1', '10.244.1.10');
    await fixture.addPod('reviews', 'v1', '10.244.1.21');
    reviewsV2 = await fixture.addPod('reviews', 'v2', '10.244.1.22');
    await fixture.addPod('ratings', 'v1', '10.244.1.31');
    await fixture.addPod('ratings', 'v1', '10.244.1.32', { network: false });
    await fixture.addPod('details', 'v1', '10.244.1.41', { network: false });
    for (const app of ['productpage', 'reviews', 'ratings', 'details']) fixture.syncEndpoints(app);
    fixture.client.create(
      istioResources.destinationRules,
      destinationRule('reviews', ['v1', 'v2']),
    );
  });
  afterAll(() => fixture?.dispose());

  function requestsTotal(filter: Record<string, string>): Record<string, string>[] {
    const family = fixture.registry.families.get('istio_requests_total') as CounterFamily;
    return [...family.children.values()]
      .map((child) =>
        Object.fromEntries(
          ISTIO_LABEL_NAMES.map((name, index) => [name, child.labelValues[index] ?? '']),
        ),
      )
      .filter((labels) => Object.entries(filter).every(([name, value]) => labels[name] === value));
  }

  it('reports both sides of a hop with every Istio label, and links the Envoy spans', async () => {
    const generation = fixture.mesh.config.generation;
    fixture.apply(istioResources.virtualServices, weightedRoutes('reviews', [['v2', 100]]));
    await waitFor(() => fixture.mesh.config.generation > generation);
    const parent = '00f067aa0ba902b7';
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const received = reviewsV2.received.length;
    const answer = await fixture.send(caller, 'reviews:9080', '/reviews/1', {
      traceparent: `00-${traceId}-${parent}-01`,
      'x-request-id': 'req-1',
    });
    expect(answer.version).toBe('v2');

    const [source] = requestsTotal({
      reporter: 'source',
      destination_service_name: 'reviews',
      destination_version: 'v2',
    });
    expect(source).toEqual({
      reporter: 'source',
      source_workload: 'productpage-v1',
      source_workload_namespace: namespace,
      source_principal: `spiffe://cluster.local/ns/${namespace}/sa/bookinfo-productpage`,
      source_app: 'productpage',
      source_version: 'v1',
      source_cluster: 'Kubernetes',
      destination_workload: 'reviews-v2',
      destination_workload_namespace: namespace,
      destination_principal: `spiffe://cluster.local/ns/${namespace}/sa/bookinfo-reviews`,
      destination_app: 'reviews',
      destination_version: 'v2',
      destination_service: `reviews.${namespace}.svc.cluster.local`,
      destination_service_name: 'reviews',
      destination_service_namespace: namespace,
      destination_cluster: 'Kubernetes',
      request_protocol: 'http',
      response_code: '200',
      grpc_response_status: '',
      response_flags: '-',
      connection_security_policy: 'unknown',
      source_canonical_service: 'productpage',
      destination_canonical_service: 'reviews',
      source_canonical_revision: 'v1',
      destination_canonical_revision: 'v2',
    });
    const [destination] = requestsTotal({
      reporter: 'destination',
      destination_workload: 'reviews-v2',
    });
    expect(destination).toEqual({
      ...source,
      reporter: 'destination',
      connection_security_policy: 'mutual_tls',
    });
    expect(fixture.registry.families.get('istio_request_duration_milliseconds')).toBeDefined();

    const spans = fixture.spans.flatMap((batch) =>
      batch.spans.map((span) => ({ ...span, service: batch.resource['service.name'] })),
    );
    const client = spans.find((span) => span.traceId === traceId && span.kind === 'CLIENT');
    const server = spans.find((span) => span.traceId === traceId && span.kind === 'SERVER');
    expect(client).toMatchObject({
      parentSpanId: parent,
      service: `productpage.${namespace}`,
      name: `reviews.${namespace}.svc.cluster.local:9080/*`,
      attributes: {
        upstream_cluster: `outbound|9080|v2|reviews.${namespace}.svc.cluster.local`,
        node_id: `sidecar~10.244.1.10~productpage-v1-10.${namespace}~${namespace}.svc.cluster.local`,
        'istio.canonical_revision': 'v1',
        'http.status_code': '200',
        response_flags: '-',
        'peer.address': '10.244.1.10',
        'guid:x-request-id': 'req-1',
      },
    });
    expect(server).toMatchObject({
      parentSpanId: client?.spanId,
      service: `reviews.${namespace}`,
      attributes: {
        'istio.canonical_revision': 'v2',
        'peer.address': '10.244.1.10',
        upstream_cluster: 'inbound|9080||',
      },
    });
    // The application sees the sidecar's server span as its parent, and never the exchange headers.
    const seen = reviewsV2.received[received]?.headers;
    expect(seen?.traceparent).toBe(`00-${traceId}-${server?.spanId}-01`);
    expect(seen?.['x-request-id']).toBe('req-1');
    expect(seen?.['x-envoy-peer-metadata']).toBeUndefined();
  });

  it('reports requests that reached no pod only at the source, as unknown', async () => {
    const generation = fixture.mesh.config.generation;
    fixture.apply(istioResources.virtualServices, weightedRoutes('reviews', [['v7', 100]]));
    await waitFor(() => fixture.mesh.config.generation > generation);
    expect((await fixture.send(caller, 'reviews:9080', '/')).status).toBe(503);
    const [failed] = requestsTotal({ response_flags: 'NC' });
    expect(failed).toMatchObject({
      reporter: 'source',
      destination_workload: 'unknown',
      response_code: '503',
      destination_service_name: 'reviews',
    });
    expect(requestsTotal({ reporter: 'destination', response_flags: 'NC' })).toEqual([]);
  });

  it('retries a refused connection on another pod, and flags UF,URX when none is left', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => fixture.send(caller, 'ratings:9080', '/ratings/0')),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    const failed = await fixture.send(caller, 'details:9080', '/details/0');
    expect(failed.status).toBe(503);
    expect(requestsTotal({ destination_service_name: 'details' })).toMatchObject([
      { reporter: 'source', response_flags: 'UF,URX', destination_workload: 'unknown' },
    ]);
  });

  it("serves Bookinfo's Gateway (declared port 8080) and VirtualService on the gateway port", async () => {
    const [gateway, routes] = readObjects(`${networkingDir}/bookinfo-gateway.yaml`);
    for (const object of [gateway, routes]) object!.metadata.namespace = namespace;
    fixture.client.create(istioResources.gateways, gateway!);
    fixture.client.create(istioResources.virtualServices, routes!);
    const port = fixture.mesh.gatewayPort;
    const page = await waitFor(async () => {
      const answer = await httpGet(port, '/productpage', { host: `127.0.0.1:${port}` });
      return answer.status === 200 && answer;
    });
    expect(page.version).toBe('v1');
    expect((await httpGet(port, '/not-routed', { host: `127.0.0.1:${port}` })).status).toBe(404);
    expect(
      requestsTotal({
        reporter: 'source',
        source_workload: 'istio-ingressgateway',
        destination_service_name: 'productpage',
      }),
    ).toMatchObject([
      {
        source_workload_namespace: 'istio-system',
        destination_workload: 'productpage-v1',
        response_code: '200',
      },
    ]);
    expect(
      requestsTotal({ reporter: 'destination', source_workload: 'istio-ingressgateway' }),
    ).toHaveLength(1);
    const gatewaySpan = fixture.spans.find(
      (batch) => batch.resource['service.name'] === 'istio-ingressgateway.istio-system',
    );
    expect(gatewaySpan?.spans[0]?.attributes.upstream_cluster).toBe(
      `outbound|9080||productpage.${namespace}.svc.cluster.local`,
    );
  });

  it('routes the first request after a write by the new configuration within 100 ms', async () => {
    // From the write's start (API server included) and from its return (the mesh's own part).
    const total: number[] = [];
    const afterWrite: number[] = [];
    for (let round = 0; round < 30; round++) {
      const version = round % 2 ? 'v1' : 'v2';
      const started = performance.now();
      fixture.apply(istioResources.virtualServices, weightedRoutes('reviews', [[version, 100]]));
      const written = performance.now();
      for (;;) {
        const answer = await fixture.send(caller, 'reviews:9080', '/');
        if (answer.version === version) break;
      }
      total.push(performance.now() - started);
      afterWrite.push(performance.now() - written);
    }
    const figures = (values: number[]) =>
      `p50 ${percentile(values, 50).toFixed(2)} ms, p99 ${percentile(values, 99).toFixed(2)} ms`;
    console.log(
      `config propagation, write start -> first routed request: ${figures(total)}; write return -> first routed request: ${figures(afterWrite)}`,
    );
    expect(percentile(afterWrite, 99)).toBeLessThan(100);
  });
});
