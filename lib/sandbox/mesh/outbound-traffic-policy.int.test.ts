import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/test/support/wait-for';
import { resources } from '../apiserver/cluster-client';
import { ISTIO_LABEL_NAMES } from '../telemetry/metrics/istio-metrics';
import type { CounterFamily } from '../telemetry/metrics/registry';
import { closeServer, listenOnLoopback } from './inbound-listener';
import { startMeshFixture, type FakeApp, type MeshFixture } from './mesh-test-support';

/**
 * A sidecar's request to a host the mesh does not know (here a server on 127.0.0.1 that is no
 * Service: the machine has no internet), under both outbound traffic policies of the mesh config.
 */
describe('outboundTrafficPolicy', () => {
  let fixture: MeshFixture;
  let caller: FakeApp;
  let outside: Server;
  let outsidePort: number;
  const received: string[] = [];

  beforeAll(async () => {
    fixture = await startMeshFixture(7);
    caller = await fixture.addPod('productpage', 'v1', '10.244.3.10');
    fixture.syncEndpoints('productpage');
    outside = createServer((req, res) => {
      received.push(`${req.headers.host} ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('from outside');
    });
    outsidePort = await listenOnLoopback(outside);
  });
  afterAll(async () => {
    await fixture?.dispose();
    if (outside) await closeServer(outside);
  });

  const sourceSamples = (serviceName: string) => {
    const family = fixture.registry.families.get('istio_requests_total') as CounterFamily;
    return [...family.children.values()]
      .map((child) => ({
        labels: Object.fromEntries(
          ISTIO_LABEL_NAMES.map((name, index) => [name, child.labelValues[index] ?? '']),
        ),
        value: child.value,
      }))
      .filter(({ labels }) => labels.destination_service_name === serviceName);
  };

  function setPolicy(mode: string) {
    const generation = fixture.mesh.config.generation;
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: 'istio-system' },
      data: { mesh: `outboundTrafficPolicy:\n  mode: ${mode}\n` },
    };
    const existing = fixture.client.get(resources.configmaps, 'istio-system', 'istio');
    if (existing)
      fixture.client.update(resources.configmaps, {
        ...object,
        metadata: { ...object.metadata, resourceVersion: existing.metadata.resourceVersion },
      });
    else fixture.client.create(resources.configmaps, object);
    return waitFor(() => fixture.mesh.config.generation > generation, { what: 'mesh config' });
  }

  it('passes an unknown host through by default (ALLOW_ANY), reported as PassthroughCluster', async () => {
    const answer = await fixture.send(caller, `127.0.0.1:${outsidePort}`, '/get?x=1');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('from outside');
    expect(received).toEqual([`127.0.0.1:${outsidePort} /get?x=1`]);
    const [sample, ...more] = sourceSamples('PassthroughCluster');
    expect(more).toEqual([]);
    expect(sample?.value).toBe(1);
    expect(sample?.labels).toMatchObject({
      reporter: 'source',
      source_workload: 'productpage-v1',
      destination_service: '127.0.0.1',
      destination_service_name: 'PassthroughCluster',
      destination_service_namespace: 'unknown',
      destination_workload: 'unknown',
      response_code: '200',
      response_flags: '-',
    });
    const span = fixture.spans
      .flatMap((batch) => batch.spans)
      .find((s) => s.attributes.upstream_cluster === 'PassthroughCluster');
    expect(span?.attributes).toMatchObject({ upstream_address: `127.0.0.1:${outsidePort}` });
  });

  it('passes a request for a pod IP through the pod network to that pod', async () => {
    const target = await fixture.addPod('ratings', 'v1', '10.244.3.31');
    const answer = await fixture.send(caller, '10.244.3.31:9080', '/ratings/0');
    expect(answer.status).toBe(200);
    expect(answer.version).toBe('v1');
    expect(target.received.map((request) => request.path)).toEqual(['/ratings/0']);
    expect(sourceSamples('PassthroughCluster')).toContainEqual({
      value: 1,
      labels: expect.objectContaining({ destination_service: '10.244.3.31', response_code: '200' }),
    });
  });

  it('answers 502 from BlackHoleCluster under REGISTRY_ONLY, without reaching the host', async () => {
    await setPolicy('REGISTRY_ONLY');
    const before = received.length;
    const answer = await fixture.send(caller, `127.0.0.1:${outsidePort}`, '/get');
    expect(answer.status).toBe(502);
    expect(received.length).toBe(before);
    expect(sourceSamples('BlackHoleCluster')).toEqual([
      {
        value: 1,
        labels: expect.objectContaining({
          reporter: 'source',
          destination_service: '127.0.0.1',
          destination_service_namespace: 'unknown',
          response_code: '502',
          response_flags: '-',
        }),
      },
    ]);
    // A Service of the mesh is still routed as before.
    expect((await fixture.send(caller, 'productpage:9080', '/')).status).toBe(200);
  });

  it('passes through again when the mesh config goes back to ALLOW_ANY', async () => {
    await setPolicy('ALLOW_ANY');
    expect((await fixture.send(caller, `127.0.0.1:${outsidePort}`, '/')).status).toBe(200);
  });
});
