import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { seededRandom } from '@/lib/domain/istio/seeded-random';
import { releaseJobCrd, type ReleaseJob, type ReleaseJobSpec } from '@/lib/domain/release';
import type { VirtualService } from '@/lib/domain/istio/types';
import { PrometheusClient } from '@/lib/server/metrics/prometheus-client';
import {
  startReleaseController,
  type ReleaseController,
  type ReleaseControllerOptions,
} from '@/lib/server/release/controller';
import { createReleaseJob, getReleaseJob } from '@/lib/server/release/operations';
import { startSandbox, type Sandbox } from '@/lib/sandbox/sandbox';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';

/**
 * A sandbox with the ReleaseJob CRD, a namespace holding a service with a v1 Deployment, and the
 * release controller running against it: tests that read the objects. Further down, the full
 * sandbox (startDataPlaneFixture) for the tests that send requests through its data plane.
 */

export const ns = 'demo-project';

export interface ReleaseFixture {
  sandbox: SandboxFixture;
  kc: KubeConfig;
  controller: ReleaseController;
  /** Reconciles finished per job key (`namespace/name`), over every controller the fixture started. */
  reconciles: Map<string, number>;
  startController(): Promise<void>;
  dispose(): Promise<void>;
}

/** Counts a finished reconcile of `key` in `counts`. */
const counting = (counts: Map<string, number>) => (key: string) =>
  void counts.set(key, (counts.get(key) ?? 0) + 1);

export async function startReleaseFixture(
  sandboxOptions: Parameters<typeof startSandboxFixture>[0] = {},
  reconcileOptions: NonNullable<ReleaseControllerOptions['reconcile']> = {},
  /** 300 ms by default, so tests rarely wait on it; a test that proves a watch sets it far off. */
  resyncMs = 300,
): Promise<ReleaseFixture> {
  const sandbox = await startSandboxFixture({
    ...sandboxOptions,
    extraCrds: [releaseJobCrd() as never],
  });
  const kc = sandbox.kubeConfig;
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
  const fixture: ReleaseFixture = {
    sandbox,
    kc,
    controller: undefined as unknown as ReleaseController,
    reconciles: new Map(),
    async startController() {
      fixture.controller = await startReleaseController({
        kubeConfig: kc,
        resyncMs,
        reconcile: { conflictWindowMs: 60_000, conflictThreshold: 3, ...reconcileOptions },
        onReconciled: counting(fixture.reconciles),
      });
    },
    async dispose() {
      await fixture.controller?.stop();
      await sandbox.dispose();
    },
  };
  await fixture.startController();
  return fixture;
}

/** A Bookinfo-like service: Service with the given ports and a Deployment `<name>-v1` labelled app/version. */
export async function createService(
  kc: KubeConfig,
  name: string,
  ports: { name: string; port: number }[] = [{ name: 'http', port: 9080 }],
): Promise<void> {
  await kc.makeApiClient(CoreV1Api).createNamespacedService({
    namespace: ns,
    body: {
      metadata: { name, labels: { app: name, service: name } },
      spec: {
        selector: { app: name },
        ports: ports.map((p) => ({ ...p, targetPort: p.port as never })),
      },
    },
  });
  await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: `${name}-v1`, labels: { app: name, version: 'v1' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name, version: 'v1' } },
        template: {
          metadata: { labels: { app: name, version: 'v1' } },
          spec: {
            containers: [
              {
                name,
                image: `docker.io/istio/examples-bookinfo-${name}-v1:1.20.3`,
                ports: ports.map((p) => ({ containerPort: p.port })),
              },
            ],
          },
        },
      },
    },
  });
  // A running service, as a release starts from: a job made before its stable pod is ready
  // would rightly warn that the stable version cannot serve (StableUnavailable).
  await waitFor(
    async () =>
      ((
        await kc
          .makeApiClient(AppsV1Api)
          .readNamespacedDeployment({ namespace: ns, name: `${name}-v1` })
      ).status?.readyReplicas ?? 0) > 0,
    { what: `${name}-v1 ready` },
  );
}

export function jobSpec(service: string, overrides: Partial<ReleaseJobSpec> = {}): ReleaseJobSpec {
  return {
    service,
    mode: 'Canary',
    stableVersion: 'v1',
    newVersion: { version: 'v2', image: `docker.io/istio/examples-bookinfo-${service}-v2:1.20.3` },
    traffic: { weight: 50 },
    ...overrides,
  };
}

export async function createJob(
  kc: KubeConfig,
  name: string,
  spec: ReleaseJobSpec,
): Promise<ReleaseJob> {
  return createReleaseJob(kc, { namespace: ns, name, spec });
}

/** Waits until the job's status satisfies `check` and every managed route holds its desired weights. */
export async function waitForJob(
  kc: KubeConfig,
  name: string,
  check: (job: ReleaseJob) => boolean,
  what: string,
): Promise<ReleaseJob> {
  return waitFor(
    async () => {
      const job = await getReleaseJob(kc, ns, name);
      const applied = (job.status?.traffic ?? []).every(
        (t) => JSON.stringify(t.desired) === JSON.stringify(t.applied),
      );
      return job.status?.observedGeneration === job.metadata.generation && applied && check(job)
        ? job
        : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 50, what },
  );
}

const istio = (plural: string) => ({
  group: 'networking.istio.io',
  version: 'v1',
  namespace: ns,
  plural,
});

export async function virtualServices(kc: KubeConfig): Promise<VirtualService[]> {
  return (
    (await kc
      .makeApiClient(CustomObjectsApi)
      .listNamespacedCustomObject(istio('virtualservices'))) as { items: VirtualService[] }
  ).items;
}

export async function destinationRules(kc: KubeConfig): Promise<
  {
    metadata: { name: string; annotations?: Record<string, string> };
    spec: { subsets?: { name: string }[] };
  }[]
> {
  return (
    (await kc
      .makeApiClient(CustomObjectsApi)
      .listNamespacedCustomObject(istio('destinationrules'))) as { items: never[] }
  ).items;
}

const releaseJobs = {
  group: 'aviary.dev',
  version: 'v1alpha1',
  namespace: ns,
  plural: 'releasejobs',
} as const;

/** Asks the API server to delete a job, as `kubectl delete rj` does (its finalizer may hold it). */
export async function deleteJob(kc: KubeConfig, name: string): Promise<void> {
  await kc.makeApiClient(CustomObjectsApi).deleteNamespacedCustomObject({ ...releaseJobs, name });
}

/** Whether the job still exists (being deleted or not). */
export async function jobExists(kc: KubeConfig, name: string): Promise<boolean> {
  const list = (await kc
    .makeApiClient(CustomObjectsApi)
    .listNamespacedCustomObject(releaseJobs)) as { items: ReleaseJob[] };
  return list.items.some((job) => job.metadata.name === name);
}

/** The Warning Events about a job, as [reason, message], oldest first. */
export async function warningsOf(kc: KubeConfig, job: string): Promise<[string?, string?][]> {
  return (
    await kc.makeApiClient(CoreV1Api).listNamespacedEvent({
      namespace: ns,
      fieldSelector: `involvedObject.name=${job},type=Warning`,
    })
  ).items.map((e) => [e.reason, e.message]);
}

export async function createIstio(kc: KubeConfig, plural: string, body: object): Promise<void> {
  await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({ ...istio(plural), body });
}

export async function deploymentNames(kc: KubeConfig): Promise<string[]> {
  return (await kc.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: ns })).items
    .map((d) => d.metadata!.name!)
    .sort();
}

/** Weight per subset of each route to `service` in a VirtualService. */
export function weightsOf(
  vs: VirtualService | undefined,
  service: string,
): Record<string, number>[] {
  return (vs?.spec.http ?? [])
    .filter((r) => r.route?.some((d) => d.destination.host === service))
    .map((r) =>
      Object.fromEntries(r.route!.map((d) => [d.destination.subset ?? '*', d.weight ?? 100])),
    );
}

/*
 * The full sandbox: requests go through its data plane (ingress gateway, sidecars, Bookinfo pods),
 * so the tests below see what a user refreshing /productpage sees.
 */

export interface DataPlaneFixture {
  sandbox: Sandbox;
  kc: KubeConfig;
  prometheus: PrometheusClient;
  controller: ReleaseController | undefined;
  /** Reconciles finished per job key (`namespace/name`), over every controller the fixture started. */
  reconciles: Map<string, number>;
  /** Starts a controller (through `kubeConfig` when given, to cut it off mid-reconcile). */
  startController(kubeConfig?: KubeConfig): Promise<ReleaseController>;
  stopController(): Promise<void>;
  dispose(): Promise<void>;
}

/** startSandbox with the demo project, a seeded data plane and the controller; resolves once /productpage answers. */
export async function startDataPlaneFixture(
  seed: number,
  reconcile: ReleaseControllerOptions['reconcile'] = {},
  /** How often the controller queues every job again (1 s: a minute holds 60 passes). */
  resyncMs = 1_000,
): Promise<DataPlaneFixture> {
  const dir = makeTempDir('release-data-plane');
  const sandbox = await startSandbox({
    dataDir: dir.path,
    ports: { api: 0, gateway: 0, jaeger: 0, otlp: 0, metrics: 0 },
    seedDemo: true,
    random: seededRandom(seed),
  });
  const kc = new KubeConfig();
  kc.loadFromFile(sandbox.urls.kubeconfig);
  const prometheus = new PrometheusClient(sandbox.urls.metrics);
  const fixture: DataPlaneFixture = {
    sandbox,
    kc,
    prometheus,
    controller: undefined,
    reconciles: new Map(),
    async startController(kubeConfig = kc) {
      fixture.controller = await startReleaseController({
        kubeConfig,
        resyncMs,
        metrics: prometheus,
        reconcile,
        onReconciled: counting(fixture.reconciles),
      });
      return fixture.controller;
    },
    async stopController() {
      await fixture.controller?.stop();
      fixture.controller = undefined;
    },
    async dispose() {
      await fixture.stopController();
      await sandbox.stop();
      dir.remove();
    },
  };
  await waitFor(async () => (await loadPage(sandbox.urls.gateway)).seen === 'v1', {
    timeoutMs: 30_000,
    intervalMs: 100,
    what: 'Bookinfo v1 behind the gateway',
  });
  await fixture.startController();
  return fixture;
}

/** What one productpage shows of reviews, read as a person reads it (bookinfo.md). */
export type PageSeen =
  'v1' | 'v2' | 'v3' | 'ratings-unavailable' | 'reviews-unavailable' | 'not-a-product-page';

export function reviewsOnPage(html: string): PageSeen {
  if (html.includes('Error fetching product reviews')) return 'reviews-unavailable';
  if (!html.includes('Book Reviews')) return 'not-a-product-page';
  if (html.includes('<font color="red">')) return 'v3';
  if (html.includes('<font color="black">')) return 'v2';
  // v2 and v3 print this in place of stars when ratings did not answer.
  if (html.includes('Ratings service is currently unavailable')) return 'ratings-unavailable';
  return 'v1';
}

export interface PageAnswer {
  status: number;
  seen: PageSeen;
  /** The reviews error text on the page (an upstream 503 of reviews, such as UH or NC, shows up as this). */
  body: string;
}

export async function loadPage(
  gateway: string,
  headers: Record<string, string> = {},
): Promise<PageAnswer> {
  const response = await fetch(`${gateway}/productpage`, { headers });
  const body = await response.text();
  return {
    status: response.status,
    seen: response.status === 200 ? reviewsOnPage(body) : 'not-a-product-page',
    body,
  };
}

/** How many of `n` page loads (one after another) showed each reviews version, with other outcomes by name. */
export async function countPages(
  gateway: string,
  n: number,
  headers: Record<string, string> = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const { status, seen } = await loadPage(gateway, headers);
    const key = status === 200 ? seen : `status-${status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export interface LoadResult {
  sent: number;
  counts: Record<string, number>;
  /** Answers that were not a product page with reviews (status, or the error the page printed). */
  failures: string[];
}

/**
 * Page loads from `workers` loops, one request at a time each, until stopped or `maxRequests`
 * (the bound, so a hung test never floods the machine).
 */
export function startLoad(
  gateway: string,
  { workers = 2, maxRequests = 20_000 } = {},
): { stop(): Promise<LoadResult>; sent(): number } {
  const result: LoadResult = { sent: 0, counts: {}, failures: [] };
  let stopped = false;
  const loop = async () => {
    while (!stopped && result.sent < maxRequests) {
      result.sent++;
      try {
        const { status, seen } = await loadPage(gateway);
        result.counts[seen] = (result.counts[seen] ?? 0) + 1;
        if (status !== 200 || seen === 'reviews-unavailable' || seen === 'not-a-product-page')
          result.failures.push(`${status} ${seen}`);
      } catch (error) {
        result.failures.push(`no answer: ${String(error)}`);
      }
    }
  };
  const running = Promise.all(Array.from({ length: workers }, loop));
  return {
    sent: () => result.sent,
    async stop() {
      stopped = true;
      await running;
      return result;
    },
  };
}

/**
 * Istio request counts, per series, whose response flags hold UH (no healthy upstream) or NC (no
 * cluster): the 503s a wrong order of changes causes. Read from the live `/metrics` exposition, so
 * nothing is missed between samples.
 */
export async function orderingFailures(metricsUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('istio_requests_total{') || !/response_flags="[^"]*\b(UH|NC)\b/.test(line))
      continue;
    const cut = line.lastIndexOf(' ');
    series.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return series;
}

/** The UH/NC series that grew since `before` (a sandbox's own start-up, before pods are ready, does not count). */
export async function orderingFailuresSince(
  metricsUrl: string,
  before: Map<string, number>,
): Promise<{ series: string; added: number }[]> {
  return [...(await orderingFailures(metricsUrl))]
    .map(([series, n]) => ({ series, added: n - (before.get(series) ?? 0) }))
    .filter((s) => s.added > 0);
}

/** Inbound requests a workload received, as its sidecar reported them (reporter=destination). */
export async function inboundRequests(
  prometheus: PrometheusClient,
  workload: string,
): Promise<number> {
  return (
    (await prometheus.scalar(
      `sum(istio_requests_total{reporter="destination",destination_workload_namespace="${ns}",destination_workload="${workload}"})`,
    )) ?? 0
  );
}
