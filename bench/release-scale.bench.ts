/**
 * The release controller at scale (issue 6): N release jobs in one sandbox whose pod runtime only
 * marks pods ready, the controller in its own process (`aviary controller`, as it runs beside a
 * cluster). Measured:
 *
 * - convergence: from starting the controller to every job in phase Progressing with the 50/50
 *   weights applied (read back from its VirtualService), polled through the API;
 * - the controller's RSS once converged (goal <= 500 MB) and its peak (VmHWM);
 * - its CPU at rest, the seconds right after convergence, in % of one core.
 *
 * Baselines from the same run: the time to create the N ReleaseJobs themselves through the API
 * (8 keep-alive clients), and an identical controller process watching an empty namespace (its
 * RSS and CPU at rest: Node, tsx, the client library and the Lease renewals).
 *
 * The services are spread over namespaces of 100, as projects are; the sandbox's workload
 * controllers run (Deployments get ReplicaSets and ready Pods). Counts and waits are bounded.
 * The default is 1,000 jobs (about a minute in all). The 10,000 take about 20 minutes
 * on 2 cores (seeding about 6, convergence about 12: the sandbox, one Node process writing every
 * Deployment, ReplicaSet, Pod and Event, is the bottleneck, while the controller idles half the
 * time): AVIARY_BENCH_RELEASE_JOBS=10000 AVIARY_BENCH_RELEASE_SEED_S=900
 * AVIARY_BENCH_RELEASE_CONVERGE_S=1500. AVIARY_BENCH_NODE_ARGS passes flags such as --cpu-prof
 * to the sandbox and controller processes.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  releaseApiVersion,
  releaseJobSpecSchema,
  releaseKind,
  type ReleaseJob,
  type ReleaseJobSpec,
} from '../lib/domain/release';
import { makeTempDir } from '../test/support/temp-dir';
import { compared, type BenchRow } from './support/bench-types';
import { kubeJsonClient, type KubeJsonClient } from './support/kube-json-client';
import { cpuPercentOver, peakRssMegabytes } from './support/proc-stats';
import { benchNodeArgs, rssMegabytes, startReadyChild } from './support/process-rss';

const jobCount = Number(process.env.AVIARY_BENCH_RELEASE_JOBS ?? 1_000);
const perNamespace = 100;
const seedClients = 8;
/** Bounds of a run; raise them with the job count (10,000 jobs take several minutes). */
const seedBoundMs = Number(process.env.AVIARY_BENCH_RELEASE_SEED_S ?? 120) * 1_000;
const convergeBoundMs = Number(process.env.AVIARY_BENCH_RELEASE_CONVERGE_S ?? 150) * 1_000;
const restMs = 10_000;
const pollMs = 2_000;

const namespaceOf = (i: number) => `scale-${String(Math.floor(i / perNamespace)).padStart(3, '0')}`;
const serviceOf = (i: number) => `svc-${String(i).padStart(5, '0')}`;

/** Runs `tasks` with `seedClients` at a time; fails once `boundMs` has passed. */
async function seed(
  what: string,
  count: number,
  task: (i: number) => Promise<unknown>,
  boundMs = seedBoundMs,
): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: seedClients }, async () => {
      while (next < count) {
        if (performance.now() - start > boundMs)
          throw new Error(
            `seeding ${what}: only ${next}/${count} within ${boundMs / 1000} s; lower AVIARY_BENCH_RELEASE_JOBS`,
          );
        await task(next++);
      }
    }),
  );
  return performance.now() - start;
}

/** A Bookinfo-like service: Deployment v1 (1 replica), Service on 9080, someone else's DestinationRule. */
async function seedService(api: KubeJsonClient, i: number): Promise<void> {
  const [ns, name] = [namespaceOf(i), serviceOf(i)];
  const labels = { app: name, version: 'v1' };
  await api.call('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `${name}-v1`, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name, image: `example.com/${name}:v1`, ports: [{ containerPort: 9080 }] }],
        },
      },
    },
  });
  await api.call('POST', `/api/v1/namespaces/${ns}/services`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: { app: name } },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 9080, targetPort: 9080 }] },
  });
  await api.call('POST', `/apis/networking.istio.io/v1/namespaces/${ns}/destinationrules`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name },
    spec: { host: name, subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
  });
}

/** A canary job, 50 % to v2, as `aviary job create` writes it (validated by the shared schema). */
async function seedJob(api: KubeJsonClient, i: number): Promise<void> {
  const [ns, name] = [namespaceOf(i), serviceOf(i)];
  const spec: ReleaseJobSpec = releaseJobSpecSchema.parse({
    service: name,
    mode: 'Canary',
    stableVersion: 'v1',
    newVersion: { version: 'v2', image: `example.com/${name}:v2` },
    traffic: { weight: 50 },
  });
  await api.call('POST', `/apis/aviary.dev/v1alpha1/namespaces/${ns}/releasejobs`, {
    apiVersion: releaseApiVersion,
    kind: releaseKind,
    metadata: { name },
    spec,
  });
}

/** Progressing, this generation observed, and every managed route holding 50/50 as read back. */
function converged(job: ReleaseJob): boolean {
  const traffic = job.status?.traffic ?? [];
  return (
    job.status?.phase === 'Progressing' &&
    job.status.observedGeneration === job.metadata.generation &&
    traffic.length > 0 &&
    traffic.every(
      (t) =>
        t.applied.v1 === 50 &&
        t.applied.v2 === 50 &&
        JSON.stringify(t.desired) === JSON.stringify(t.applied),
    )
  );
}

interface ControllerProcess {
  pid: number;
  /** Lines the controller logged about failed reconciles (each is retried with backoff). */
  reconcileErrors(): number;
  /** Resolves when it holds the Lease and reconciles. */
  reconciling: Promise<void>;
  stop(): Promise<void>;
}

/** `aviary controller` in its own process, as it runs beside a cluster. */
function startController(kubeconfig: string, extraArgs: string[]): ControllerProcess {
  const child = spawn(
    process.execPath,
    [...benchNodeArgs(), 'bin/aviary.js', 'controller', '--kubeconfig', kubeconfig, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let errors = 0;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  const reconciling = new Promise<void>((resolve, reject) => {
    let tail = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (tail + chunk.toString()).split('\n');
      tail = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('reconcile ')) errors += 1;
        if (line.includes('release controller: reconciling')) resolve();
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`aviary controller exited (${code}): ${stderr}`)),
    );
  });
  reconciling.catch(() => undefined);
  return {
    pid: child.pid!,
    reconcileErrors: () => errors,
    reconciling,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls the namespaces not yet done until every job has converged; samples the controller's RSS. */
async function waitForConvergence(
  api: KubeJsonClient,
  namespaces: string[],
  controller: ControllerProcess,
  start: number,
): Promise<{ ms: number; maxRss: number }> {
  const pending = new Set(namespaces);
  const done = new Map<string, number>();
  let maxRss = 0;
  for (;;) {
    for (const ns of [...pending]) {
      const list = await api.call<{ items: ReleaseJob[] }>(
        'GET',
        `/apis/aviary.dev/v1alpha1/namespaces/${ns}/releasejobs`,
      );
      const ready = list.body.items.filter(converged).length;
      done.set(ns, ready);
      if (ready === list.body.items.length) pending.delete(ns);
    }
    maxRss = Math.max(maxRss, rssMegabytes(controller.pid));
    if (pending.size === 0) return { ms: performance.now() - start, maxRss };
    if (performance.now() - start > convergeBoundMs) {
      const total = [...done.values()].reduce((a, b) => a + b, 0);
      throw new Error(
        `after ${convergeBoundMs / 1000} s only ${total}/${jobCount} jobs converged (controller RSS ${maxRss.toFixed(0)} MB, ${controller.reconcileErrors()} reconcile errors); lower AVIARY_BENCH_RELEASE_JOBS`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export async function run(): Promise<BenchRow[]> {
  const dir = makeTempDir('bench-release-scale');
  const kubeconfig = join(dir.path, 'kubeconfig');
  const sandbox = await startReadyChild([
    'bin/run-ts.js',
    'bench/support/run-ready-sandbox.ts',
    dir.path,
  ]);
  const api = kubeJsonClient(kubeconfig, seedClients);
  const controllers: ControllerProcess[] = [];
  try {
    const namespaces = [
      ...new Set(Array.from({ length: jobCount }, (_, i) => namespaceOf(i))),
      'scale-idle',
      'scale-idle-lease',
    ];
    for (const name of namespaces)
      await api.call('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    namespaces.splice(-2);

    // Baseline: the same controller with nothing to do, measured while the services are seeded
    // (its own CPU is what counts; its Lease is apart so it never competes with the real one).
    const idle = startController(kubeconfig, [
      '--namespace',
      'scale-idle',
      '--lease-namespace',
      'scale-idle-lease',
    ]);
    controllers.push(idle);
    await idle.reconciling;
    const idleMeasured = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const cpu = await cpuPercentOver(idle.pid, restMs);
      const figures = { cpu, rss: rssMegabytes(idle.pid), peak: peakRssMegabytes(idle.pid) };
      await idle.stop();
      return figures;
    })();
    // Awaited below; a failed seeding must not leave it as an unhandled rejection.
    idleMeasured.catch(() => undefined);
    await seed('services', jobCount, (i) => seedService(api, i));
    const idleFigures = await idleMeasured;
    const jobsSeedMs = await seed('release jobs', jobCount, (i) => seedJob(api, i));

    const start = performance.now();
    const controller = startController(kubeconfig, []);
    controllers.push(controller);
    const { ms } = await waitForConvergence(api, namespaces, controller, start);
    const rssConverged = rssMegabytes(controller.pid);
    const cpuAtRest = await cpuPercentOver(controller.pid, restMs);
    const peak = peakRssMegabytes(controller.pid);

    const n = `${jobCount.toLocaleString('en-US')} jobs`;
    return [
      compared({
        name: `converge ${n} to Progressing 50/50 (vs creating the ${n})`,
        metric: 'time',
        value: ms / 1000,
        baseline: jobsSeedMs / 1000,
        unit: 's',
      }),
      compared({
        name: `controller RSS, ${n} converged (vs idle controller)`,
        metric: 'rss',
        value: rssConverged,
        baseline: idleFigures.rss,
        unit: 'MB',
      }),
      compared({
        name: `controller peak RSS (VmHWM), ${n} (vs idle controller)`,
        metric: 'rss',
        value: peak,
        baseline: idleFigures.peak,
        unit: 'MB',
      }),
      compared({
        name: `controller CPU, ${restMs / 1000} s after convergence, ${n} (vs idle controller)`,
        metric: 'cpu',
        value: cpuAtRest,
        baseline: idleFigures.cpu,
        unit: '% core',
      }),
      {
        name: `reconcile errors logged (retried), ${n}`,
        metric: 'count',
        value: controller.reconcileErrors(),
        unit: 'lines',
      },
    ];
  } finally {
    for (const controller of controllers) await controller.stop();
    api.close();
    await sandbox.stop();
    dir.remove();
  }
}
