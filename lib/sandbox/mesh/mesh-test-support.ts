import { Agent, createServer, request, type Server } from 'node:http';
import { seededRandom } from '@/lib/domain/istio';
import { startSandboxFixture, type SandboxFixture } from '@/test/support/sandbox-fixture';
import { resources, type ClusterClient } from '../apiserver/cluster-client';
import type { KubeObject, ResourceRef } from '../apiserver/types';
import { LoopbackPodNetwork } from '../contracts/pod-network';
import type { ResourceSpans } from '../contracts/span-sink';
import { createRegistry, type MetricsRegistry } from '../telemetry/metrics/registry';
import { closeServer, listenOnLoopback } from './inbound-listener';
import { startMesh, type Mesh } from './index';

/**
 * A bare sandbox API server with the mesh started on it, and small fake applications (plain HTTP
 * servers that answer with their own version) attached through the mesh's injector, as the
 * workload runtime attaches real ones. For the mesh's integration tests only.
 */
export interface FakeApp {
  name: string;
  ip: string;
  version: string;
  /** Hosts and paths this app was asked for, in order. */
  received: {
    host: string;
    path: string;
    headers: Record<string, string | string[] | undefined>;
  }[];
  outboundPort: number;
  /** The loopback port of the application itself (behind its inbound sidecar). */
  appPort: number;
}

export interface AppAnswer {
  status: number;
  version: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface MeshFixture {
  client: ClusterClient;
  mesh: Mesh;
  registry: MetricsRegistry;
  spans: ResourceSpans[];
  network: LoopbackPodNetwork;
  addPod(
    app: string,
    version: string,
    ip: string,
    options?: { ready?: boolean; network?: boolean },
  ): Promise<FakeApp>;
  /** Writes the Endpoints of `app` from the pods added so far (ready ones under addresses). */
  syncEndpoints(app: string): void;
  /** Sends `GET path` through `from`'s outbound sidecar to `authority`. */
  send(
    from: FakeApp,
    authority: string,
    path?: string,
    headers?: Record<string, string>,
  ): Promise<AppAnswer>;
  apply(ref: ResourceRef, object: KubeObject): KubeObject;
  dispose(): Promise<void>;
}

export const namespace = 'demo';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function httpGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<AppAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        let version = '';
        try {
          version = (JSON.parse(body) as { version?: string }).version ?? '';
        } catch {
          version = '';
        }
        resolve({ status: response.statusCode ?? 0, version, headers: response.headers, body });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

interface PodRecord {
  app: string;
  pod: KubeObject;
  ready: boolean;
}

export async function startMeshFixture(seed = 1): Promise<MeshFixture> {
  const sandbox: SandboxFixture = await startSandboxFixture({ controllers: false });
  const client = sandbox.cluster.client;
  client.create(resources.namespaces, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace, labels: { 'istio-injection': 'enabled' } },
  });
  const registry = createRegistry();
  const spans: ResourceSpans[] = [];
  const network = new LoopbackPodNetwork();
  const mesh = await startMesh({
    client,
    podNetwork: network,
    registry,
    spanSink: { export: (batch) => spans.push(...batch) },
    random: seededRandom(seed),
    gatewayPort: 0,
  });
  const servers: Server[] = [];
  const pods: PodRecord[] = [];
  const services = new Set<string>();

  const ensureService = (app: string) => {
    if (services.has(app)) return;
    services.add(app);
    client.create(resources.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace },
      spec: { selector: { app }, ports: [{ name: 'http', port: 9080, targetPort: 9080 }] },
    });
  };

  const fixture: MeshFixture = {
    client,
    mesh,
    registry,
    spans,
    network,
    async addPod(app, version, ip, options = {}) {
      ensureService(app);
      const name = `${app}-${version}-${ip.split('.').pop()}`;
      const created = client.create(resources.pods, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace,
          labels: { app, version, 'pod-template-hash': 'abc12' },
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
        spec: {
          serviceAccountName: `bookinfo-${app}`,
          containers: [{ name: app, image: 'fake', ports: [{ containerPort: 9080 }] }],
        },
      });
      const pod = client.update(
        resources.pods,
        { ...created, status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] } },
        { subresource: 'status' },
      );
      const fake: FakeApp = { name, ip, version, received: [], outboundPort: 0, appPort: 0 };
      const server = createServer((req, res) => {
        fake.received.push({
          host: req.headers.host ?? '',
          path: req.url ?? '',
          headers: req.headers,
        });
        req.resume();
        const body = JSON.stringify({ version, pod: name });
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        });
        res.end(body);
      });
      servers.push(server);
      const appPort = await listenOnLoopback(server);
      fake.appPort = appPort;
      const sidecar = await mesh.injector.attach(pod, appPort);
      fake.outboundPort = sidecar.outboundPort;
      if (options.network !== false) network.register(ip, 9080, sidecar.inboundPort);
      pods.push({ app, pod, ready: options.ready !== false });
      return fake;
    },
    syncEndpoints(app) {
      const address = (record: PodRecord) => ({
        ip: (record.pod.status as { podIP: string }).podIP,
        targetRef: {
          kind: 'Pod',
          namespace,
          name: record.pod.metadata.name,
          uid: record.pod.metadata.uid,
        },
      });
      const mine = pods.filter((record) => record.app === app);
      const ready = mine.filter((record) => record.ready).map(address);
      const notReady = mine.filter((record) => !record.ready).map(address);
      const endpoints = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: app, namespace },
        subsets: [
          {
            ...(ready.length ? { addresses: ready } : {}),
            ...(notReady.length ? { notReadyAddresses: notReady } : {}),
            ports: [{ name: 'http', port: 9080, protocol: 'TCP' }],
          },
        ],
      };
      const existing = client.get(resources.endpoints, namespace, app);
      if (existing)
        client.update(resources.endpoints, { ...endpoints, metadata: existing.metadata });
      else client.create(resources.endpoints, endpoints);
    },
    send(from, authority, path = '/', headers = {}) {
      return httpGet(from.outboundPort, path, { host: authority, ...headers });
    },
    apply(ref, object) {
      const existing = client.get(ref, namespace, object.metadata.name ?? '');
      return existing
        ? client.update(ref, {
            ...object,
            metadata: { ...object.metadata, resourceVersion: existing.metadata.resourceVersion },
          })
        : client.create(ref, object);
    },
    async dispose() {
      await mesh.stop();
      await Promise.all(servers.map(closeServer));
      agent.destroy();
      await sandbox.dispose();
    },
  };
  return fixture;
}

/** A VirtualService in the fixture's namespace. */
export function virtualService(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace },
    spec,
  };
}

/** A DestinationRule with one subset per version, selecting on the `version` label. */
export function destinationRule(host: string, versions: string[]): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: host, namespace },
    spec: { host, subsets: versions.map((version) => ({ name: version, labels: { version } })) },
  };
}

/** Routes `host` by weight: `[['v1', 90], ['v2', 10]]`. */
export function weightedRoutes(host: string, weights: [string, number][]): KubeObject {
  return virtualService(host, {
    hosts: [host],
    http: [
      { route: weights.map(([subset, weight]) => ({ destination: { host, subset }, weight })) },
    ],
  });
}

/** Pearson's chi-square statistic of observed counts against expected shares. */
export function chiSquare(observed: number[], shares: number[]): number {
  const total = observed.reduce((sum, count) => sum + count, 0);
  return observed.reduce((sum, count, index) => {
    const expected = total * (shares[index] ?? 0);
    return sum + (count - expected) ** 2 / expected;
  }, 0);
}

/** Runs `task` `count` times with at most `concurrency` in flight. */
export async function runConcurrently<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
