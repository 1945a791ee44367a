import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/test/support/wait-for';
import { resources } from '../apiserver/cluster-client';
import type { KubeObject } from '../apiserver/types';
import type { AttachedSidecar } from '../contracts/sidecar';
import { ISTIO_TCP_LABEL_NAMES } from '../telemetry/metrics/istio-metrics';
import type { CounterFamily } from '../telemetry/metrics/registry';
import { istioResources } from './mesh-config';
import {
  chiSquare,
  destinationRule,
  namespace,
  runConcurrently,
  startMeshFixture,
  virtualService,
  type MeshFixture,
} from './mesh-test-support';
import { tcpListenerKey } from './tcp-outbound';

/** Pearson's chi-square critical value for 1 degree of freedom at p = 0.001. */
const critical = 10.83;

/**
 * Istio's TCP traffic-shifting task on the sandbox mesh: a tcp-echo Service (port named `tcp`),
 * versions v1 and v2 behind sidecars, split 80/20 by a VirtualService `tcp` route; connections
 * from a sidecar land by weight and Istio's four TCP metrics count them on both sides.
 */
describe('TCP routes', () => {
  let fixture: MeshFixture;
  let caller: AttachedSidecar;
  const servers: Server[] = [];

  function podObject(
    app: string,
    version: string,
    ip: string,
    port: number,
    extraLabels: Record<string, string> = {},
  ): KubeObject {
    const name = `${app}-${version}-${ip.split('.').pop()}`;
    const created = fixture.client.create(resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace,
        labels: { app, version, 'pod-template-hash': 'abc12', ...extraLabels },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `${app}-${version}-abc12`,
            uid: `rs-${name}`,
            controller: true,
          },
        ],
      },
      spec: { containers: [{ name: app, image: 'fake', ports: [{ containerPort: port }] }] },
    });
    return fixture.client.update(
      resources.pods,
      { ...created, status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] } },
      { subresource: 'status' },
    );
  }

  /** A TCP echo server answering `<version> <what it read>` per chunk, behind its sidecar. */
  async function echoPod(version: string, ip: string, sidecar = true): Promise<KubeObject> {
    const pod = podObject(
      'tcp-echo',
      version,
      ip,
      9000,
      sidecar ? {} : { 'sidecar.istio.io/inject': 'false' },
    );
    const server = createServer((socket) => {
      socket.on('data', (chunk) => socket.write(`${version} ${chunk.toString()}`));
      socket.on('end', () => socket.end());
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const appPort = (server.address() as { port: number }).port;
    if (!sidecar) {
      fixture.network.register(ip, 9000, appPort);
      return pod;
    }
    const attached = await fixture.mesh.injector.attach(pod, appPort);
    fixture.network.register(ip, 9000, attached.inboundPort);
    return pod;
  }

  beforeAll(async () => {
    fixture = await startMeshFixture(21);
    fixture.client.create(resources.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'tcp-echo', namespace },
      spec: {
        selector: { app: 'tcp-echo' },
        ports: [{ name: 'tcp', port: 9000, targetPort: 9000 }],
      },
    });
    const pods = [
      await echoPod('v1', '10.244.5.11'),
      await echoPod('v2', '10.244.5.12'),
      await echoPod('v3', '10.244.5.13', false),
    ];
    fixture.client.create(resources.endpoints, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'tcp-echo', namespace },
      subsets: [
        {
          addresses: pods.map((pod) => ({
            ip: (pod.status as { podIP: string }).podIP,
            targetRef: { kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid },
          })),
          ports: [{ name: 'tcp', port: 9000, protocol: 'TCP' }],
        },
      ],
    });
    fixture.client.create(
      istioResources.destinationRules,
      destinationRule('tcp-echo', ['v1', 'v2', 'v3']),
    );
    const generation = fixture.mesh.config.generation;
    fixture.client.create(
      istioResources.virtualServices,
      virtualService('tcp-echo', {
        hosts: ['tcp-echo'],
        tcp: [
          {
            match: [{ port: 9000 }],
            route: [
              {
                destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v1' },
                weight: 80,
              },
              {
                destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v2' },
                weight: 20,
              },
            ],
          },
        ],
      }),
    );
    await waitFor(() => fixture.mesh.config.generation > generation, { what: 'the routes' });
    caller = await fixture.mesh.injector.attach(podObject('sleep', 'v1', '10.244.5.2', 80), 1);
  });
  afterAll(async () => {
    await fixture?.dispose();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** One connection through the caller's sidecar: writes `line`, reads the reply until the server closes. */
  function exchange(line: string): Promise<string> {
    const port = caller.tcpPorts?.get(tcpListenerKey('tcp-echo', namespace, 9000));
    if (port === undefined) throw new Error('the caller has no TCP listener for tcp-echo:9000');
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      let reply = '';
      socket.on('data', (chunk) => {
        reply += chunk.toString();
        socket.end();
      });
      socket.on('close', () => resolve(reply));
      socket.on('error', reject);
      socket.write(line);
    });
  }

  function tcpSamples(name: string, filter: Record<string, string>) {
    const family = fixture.registry.families.get(name) as CounterFamily;
    return [...family.children.values()]
      .map((child) => ({
        labels: Object.fromEntries(
          ISTIO_TCP_LABEL_NAMES.map((label, index) => [label, child.labelValues[index] ?? '']),
        ),
        value: child.value,
      }))
      .filter(({ labels }) =>
        Object.entries(filter).every(([key, value]) => labels[key] === value),
      );
  }
  const total = (name: string, filter: Record<string, string>) =>
    tcpSamples(name, filter).reduce((sum, sample) => sum + sample.value, 0);

  it('splits 500 connections 80/20 within the chi-square bound, and counts them both sides', async () => {
    const replies = await runConcurrently(500, 8, (index) => exchange(`hello ${index}\n`));
    const counts = ['v1', 'v2'].map(
      (version) => replies.filter((reply) => reply.startsWith(`${version} hello`)).length,
    );
    expect(counts[0]! + counts[1]!).toBe(500);
    expect(chiSquare(counts, [0.8, 0.2])).toBeLessThan(critical);

    const requestBytes = replies.reduce((sum, _, index) => sum + `hello ${index}\n`.length, 0);
    const replyBytes = replies.reduce((sum, reply) => sum + reply.length, 0);
    for (const reporter of ['source', 'destination']) {
      await waitFor(() => total('istio_tcp_connections_closed_total', { reporter }) === 500, {
        what: `${reporter} closed connections`,
      });
      for (const [index, version] of ['v1', 'v2'].entries()) {
        const filter = { reporter, destination_version: version };
        expect(total('istio_tcp_connections_opened_total', filter)).toBe(counts[index]);
        expect(total('istio_tcp_connections_closed_total', filter)).toBe(counts[index]);
      }
      expect(total('istio_tcp_received_bytes_total', { reporter })).toBe(requestBytes);
      expect(total('istio_tcp_sent_bytes_total', { reporter })).toBe(replyBytes);
    }
    const [source] = tcpSamples('istio_tcp_connections_opened_total', {
      reporter: 'source',
      destination_version: 'v2',
    });
    expect(source?.labels).toEqual({
      reporter: 'source',
      source_workload: 'sleep-v1',
      source_workload_namespace: namespace,
      source_principal: `spiffe://cluster.local/ns/${namespace}/sa/default`,
      source_app: 'sleep',
      source_version: 'v1',
      source_cluster: 'Kubernetes',
      destination_workload: 'tcp-echo-v2',
      destination_workload_namespace: namespace,
      destination_principal: `spiffe://cluster.local/ns/${namespace}/sa/default`,
      destination_app: 'tcp-echo',
      destination_version: 'v2',
      destination_service: `tcp-echo.${namespace}.svc.cluster.local`,
      destination_service_name: 'tcp-echo',
      destination_service_namespace: namespace,
      destination_cluster: 'Kubernetes',
      request_protocol: 'tcp',
      response_flags: '-',
      connection_security_policy: 'unknown',
      source_canonical_service: 'sleep',
      destination_canonical_service: 'tcp-echo',
      source_canonical_revision: 'v1',
      destination_canonical_revision: 'v2',
    });
    const [destination] = tcpSamples('istio_tcp_connections_opened_total', {
      reporter: 'destination',
      destination_version: 'v2',
    });
    expect(destination?.labels).toMatchObject({
      source_workload: 'sleep-v1',
      destination_workload: 'tcp-echo-v2',
      connection_security_policy: 'mutual_tls',
      request_protocol: 'tcp',
    });
  });

  it('moves every new connection when the weights change (take-over)', async () => {
    const generation = fixture.mesh.config.generation;
    const current = fixture.client.get(istioResources.virtualServices, namespace, 'tcp-echo')!;
    fixture.client.update(istioResources.virtualServices, {
      ...current,
      spec: {
        hosts: ['tcp-echo'],
        tcp: [{ route: [{ destination: { host: 'tcp-echo', subset: 'v2' }, weight: 100 }] }],
      },
    });
    await waitFor(() => fixture.mesh.config.generation > generation, { what: 'the new routes' });
    const replies = await runConcurrently(50, 8, () => exchange('again'));
    expect(replies.every((reply) => reply === 'v2 again')).toBe(true);
  });

  it("sends a pod without a sidecar only the caller's bytes, and only the source reports", async () => {
    const generation = fixture.mesh.config.generation;
    const current = fixture.client.get(istioResources.virtualServices, namespace, 'tcp-echo')!;
    fixture.client.update(istioResources.virtualServices, {
      ...current,
      spec: {
        hosts: ['tcp-echo'],
        tcp: [{ route: [{ destination: { host: 'tcp-echo', subset: 'v3' }, weight: 100 }] }],
      },
    });
    await waitFor(() => fixture.mesh.config.generation > generation, { what: 'the new routes' });
    const replies = await runConcurrently(10, 4, () => exchange('plain'));
    expect(replies).toEqual(Array(10).fill('v3 plain'));
    await waitFor(
      () =>
        total('istio_tcp_connections_closed_total', {
          reporter: 'source',
          destination_version: 'v3',
        }) === 10,
      { what: 'the source side closing 10 connections' },
    );
    expect(
      total('istio_tcp_connections_opened_total', {
        reporter: 'destination',
        destination_version: 'v3',
      }),
    ).toBe(0);
  });
});
