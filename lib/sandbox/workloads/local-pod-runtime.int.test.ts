import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookinfoManifest, readObjects } from '@/test/support/bookinfo-fixtures';
import { startSandboxFixture, type SandboxFixture } from '@/test/support/sandbox-fixture';
import { waitFor } from '@/test/support/wait-for';
import { resources } from '../apiserver/cluster-client';
import type { KubeObject } from '../apiserver/types';
import { LoopbackPodNetwork } from '../contracts/pod-network';
import type { ResourceSpans } from '../contracts/span-sink';
import type { Pod } from '../controllers/workload-types';
import { LocalPodRuntime } from './local-pod-runtime';

const refs: Record<string, (typeof resources)[keyof typeof resources]> = {
  Service: resources.services,
  ServiceAccount: resources.serviceaccounts,
  Deployment: resources.deployments,
};

describe('LocalPodRuntime in a sandbox running Bookinfo', () => {
  const network = new LoopbackPodNetwork();
  const spans: ResourceSpans[] = [];
  let fixture: SandboxFixture;
  const runtime = new LocalPodRuntime({
    network,
    cluster: () => fixture.cluster.client,
    spans: { export: (batch) => spans.push(...batch) },
    probePeriodMs: 100,
    imagePullBackOffMs: 200,
    crashLoopBackOffMs: 100,
  });
  const client = () => fixture.cluster.client;
  const pods = () => client().list(resources.pods, { namespace: 'default' }).items as Pod[];
  const podOf = (app: string) =>
    pods().find((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);
  const isReady = (pod: Pod | undefined) =>
    pod?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

  async function get(port: number, path: string): Promise<{ status: number; body: string }> {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: await res.text() };
  }

  function apiGet(path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${fixture.cluster.url}${path}`,
        {
          ca: fixture.cluster.caCertPem,
          headers: { authorization: `Bearer ${fixture.cluster.adminToken}` },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  beforeAll(async () => {
    fixture = await startSandboxFixture({ podRuntime: runtime, logs: runtime.logs });
    for (const object of readObjects(bookinfoManifest)) {
      client().create(refs[object.kind]!, {
        ...object,
        metadata: { ...object.metadata, namespace: 'default' },
      } as KubeObject);
    }
  });

  afterAll(async () => {
    await fixture?.dispose();
  });

  it('runs every Bookinfo pod until its /health makes it Ready', async () => {
    await waitFor(() => pods().length === 6 && pods().every(isReady), {
      timeoutMs: 30_000,
      what: 'six ready Bookinfo pods',
    });
    for (const pod of pods()) {
      const port = network.resolve(pod.status!.podIP!, 9080);
      expect(port, pod.metadata.name).toBeDefined();
      expect((await get(port!, '/health')).status).toBe(200);
    }
  });

  it('renders productpage from details and reviews found through Endpoints, each reviews version with its stars', async () => {
    const productpage = podOf('productpage')!;
    const port = network.resolve(productpage.status!.podIP!, 9080)!;
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 3; i++) {
      const page = await get(port, '/productpage');
      expect(page.status).toBe(200);
      expect(page.body).toContain('<dd>PublisherA</dd>');
      expect(page.body).toContain('Reviewer1');
      expect(page.body).not.toContain('Error fetching');
      seen.add(
        page.body.includes('color="red"')
          ? 'red'
          : page.body.includes('color="black"')
            ? 'black'
            : 'none',
      );
    }
    expect([...seen].sort()).toEqual(['black', 'none', 'red']);
    await waitFor(() => spans.some((r) => r.resource['service.name'] === 'ratings'), {
      what: 'ratings spans',
    });
    const pageSpans = spans.filter((r) => r.resource['k8s.pod.name'] === productpage.metadata.name);
    expect(pageSpans[0]?.resource).toMatchObject({
      'service.name': 'productpage',
      'k8s.pod.ip': productpage.status!.podIP,
      'k8s.namespace.name': 'default',
    });
  });

  it('serves each container log through pods/log, with timestamps and tailLines', async () => {
    const name = podOf('productpage')!.metadata.name!;
    const log = await apiGet(`/api/v1/namespaces/default/pods/${name}/log?timestamps=true`);
    expect(log.status).toBe(200);
    const lines = log.body.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z Starting productpage v1/);
    expect(log.body).toContain('"GET /productpage HTTP/1.1" 200');
    const tail = await apiGet(
      `/api/v1/namespaces/default/pods/${name}/log?tailLines=2&container=productpage`,
    );
    expect(tail.body.trimEnd().split('\n')).toHaveLength(2);
  });

  it('replaces a deleted pod with a new one that runs and is reachable', async () => {
    const old = podOf('details')!;
    client().delete(resources.pods, 'default', old.metadata.name!);
    const fresh = await waitFor(
      () => {
        const pod = podOf('details');
        return pod && pod.metadata.name !== old.metadata.name && isReady(pod) ? pod : undefined;
      },
      { timeoutMs: 20_000, what: 'a new ready details pod' },
    );
    expect(
      network.resolve(old.status!.podIP!, 9080) === undefined ||
        old.status!.podIP === fresh.status!.podIP,
    ).toBe(true);
    const port = network.resolve(fresh.status!.podIP!, 9080)!;
    expect(JSON.parse((await get(port, '/details/0')).body).author).toBe('William Shakespeare');
  });

  it("restarts a container whose liveness probe fails, keeping the previous run's log", async () => {
    const [ratings] = readObjects(bookinfoManifest).filter(
      (o) => o.kind === 'Deployment' && o.metadata.name === 'ratings-v1',
    );
    const deployment = JSON.parse(JSON.stringify(ratings)) as {
      metadata: { name: string };
      spec: {
        template: {
          metadata: { labels: Record<string, string> };
          spec: { containers: Array<Record<string, unknown>> };
        };
        selector: { matchLabels: Record<string, string> };
      };
    };
    deployment.metadata.name = 'ratings-unhealthy';
    deployment.spec.selector.matchLabels = { app: 'ratings-unhealthy' };
    deployment.spec.template.metadata.labels = { app: 'ratings-unhealthy' };
    Object.assign(deployment.spec.template.spec.containers[0]!, {
      env: [{ name: 'SERVICE_VERSION', value: 'v-unhealthy' }],
      livenessProbe: {
        httpGet: { path: '/health', port: 9080 },
        periodSeconds: 1,
        failureThreshold: 1,
      },
    });
    client().create(resources.deployments, {
      ...deployment,
      metadata: { ...deployment.metadata, namespace: 'default' },
    } as unknown as KubeObject);
    const restarted = await waitFor(
      () => {
        const pod = podOf('ratings-unhealthy');
        return (pod?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? pod : undefined;
      },
      { timeoutMs: 15_000, what: 'a restart' },
    );
    const status = restarted.status!.containerStatuses![0]!;
    expect(status.lastState).toMatchObject({ terminated: { exitCode: 137 } });
    expect(isReady(restarted)).toBe(false);
    const previous = await apiGet(
      `/api/v1/namespaces/default/pods/${restarted.metadata.name}/log?previous=true`,
    );
    expect(previous.body).toContain('Liveness probe failed');
  });

  it('leaves a pod with an unknown image waiting in ErrImagePull, then ImagePullBackOff, with Events', async () => {
    client().create(resources.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'mystery', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'mystery' } },
        template: {
          metadata: { labels: { app: 'mystery' } },
          spec: { containers: [{ name: 'main', image: 'example.com/mystery:1' }] },
        },
      },
    } as KubeObject);
    const waiting = (reason: string) => () => {
      const state = podOf('mystery')?.status?.containerStatuses?.[0]?.state;
      return state && 'waiting' in state && state.waiting.reason === reason;
    };
    await waitFor(waiting('ErrImagePull'), { what: 'ErrImagePull' });
    await waitFor(waiting('ImagePullBackOff'), { what: 'ImagePullBackOff' });
    const pod = podOf('mystery')!;
    expect(pod.status?.phase).toBe('Pending');
    const events = client()
      .list(resources.events, { namespace: 'default' })
      .items.filter(
        (e) =>
          (e as { involvedObject?: { name?: string } }).involvedObject?.name === pod.metadata.name,
      );
    expect(events.map((e) => (e as { message?: string }).message)).toEqual(
      expect.arrayContaining(['Error: ErrImagePull']),
    );
  });
});
