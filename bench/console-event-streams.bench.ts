/**
 * 200 open event streams (`GET /api/projects/{ns}/events`, server-sent events) on one project,
 * each as its own signed-in viewer: how many open, how long one change (the admin scaling the
 * project's one Deployment) takes from the write to each stream seeing it (goal: p99 1 s), against
 * the same change seen by ONE stream, measured in the same run; and the console's memory per open
 * stream (RSS and heap with the streams open against none, both after a GC).
 *
 * Twice: as built, where every identity's watches share the console's one keep-alive agent (at
 * most 64 sockets, 4 watches a stream, so the 17th stream waits, and so does every other request
 * of the console through that agent: a `GET /api/projects` made meanwhile shows it), then with that agent's limit lifted in this process, which
 * shows what the streams themselves cost.
 *
 * The route handlers run in this process, called with Requests as Next.js calls them, and every
 * Response body is read as a browser's EventSource would; the sandbox API server runs in its own
 * process (so this process's memory is the console's alone) on a free port of 127.0.0.1, with
 * controllers off (the Deployment has no pods: only its spec changes). Opening and each change
 * wait at most a fixed time, so the run is bounded; streams that did not open or did not see a
 * change in time are counted in the rows rather than waited for.
 */
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { Agent } from 'node:https';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { endpoints } from '@/lib/domain/api/endpoints';
import { compared, type BenchRow } from './support/bench-types';
import {
  inBatches,
  startInProcessConsole,
  type InProcessConsole,
} from './support/console-in-process';
import { percentile } from './support/stats';

const namespace = 'streams';
const deployment = 'web';
/** AVIARY_BENCH_EVENT_STREAMS overrides the count (for a quick run). */
const streamCount = Number(process.env.AVIARY_BENCH_EVENT_STREAMS ?? 200);
const changesPerRun = 5;
/** Accounts are created and signed in this many at a time (scrypt runs on libuv's 4 threads). */
const accountWidth = 4;
const openWidth = 10;
const openDeadlineMs = 30_000;
const changeDeadlineMs = 10_000;
const goalMs = 1_000;

/** A GC function: --expose-gc's, else one obtained by setting the flag at run time. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function memory(gc: () => void): { rss: number; heap: number } {
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heap: heapUsed };
}

interface OpenStream {
  /** When this stream first saw the Deployment at each replica count (performance.now()). */
  seen: Map<number, number>;
  close(): void;
}

/** Streams opened in one phase; `stopped` makes late arrivals close at once. */
interface Phase {
  stopped: boolean;
  closers: Set<() => void>;
}

/** Opens one stream as `cookie`; resolves once it has seen the Deployment (its first ADDED). */
async function openStream(
  app: InProcessConsole,
  cookie: string,
  phase: Phase,
): Promise<OpenStream | undefined> {
  const abort = new AbortController();
  const seen = new Map<number, number>();
  let first: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => (first = resolve));
  const response = await app.call(endpoints.projectEvents, {
    params: { ns: namespace },
    cookie,
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`events: ${response.status} ${await response.text()}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const close = () => {
    abort.abort();
    void reader.cancel().catch(() => {});
  };
  phase.closers.add(close);
  if (phase.stopped) {
    close();
    return undefined;
  }
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith('event: change')) continue;
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          const change = JSON.parse(data!.slice(6)) as {
            kind: string;
            object: { metadata?: { name?: string }; spec?: { replicas?: number } };
          };
          if (change.kind !== 'Deployment' || change.object.metadata?.name !== deployment) continue;
          const replicas = change.object.spec?.replicas ?? 1;
          if (!seen.has(replicas)) seen.set(replicas, performance.now());
          first?.();
        }
      }
    } catch {
      // cancelled at the end
    }
  })();
  await ready;
  return { seen, close };
}

/** Opens streams for `cookies` until all are open or the deadline passes; the ones that opened. */
async function openStreams(
  app: InProcessConsole,
  cookies: string[],
  phase: Phase,
): Promise<OpenStream[]> {
  const opened: OpenStream[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    inBatches(cookies.length, openWidth, async (i) => {
      if (phase.stopped) return;
      const stream = await openStream(app, cookies[i]!, phase);
      if (stream) opened.push(stream);
    }),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, openDeadlineMs))),
  ]);
  clearTimeout(timer);
  return [...opened];
}

/** Ends a phase: closes what it opened, and whatever opens later closes at once. */
async function endPhase(phase: Phase): Promise<void> {
  phase.stopped = true;
  for (const close of phase.closers) close();
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/**
 * Scales the Deployment once unmeasured (warm-up), then `changesPerRun` times; every stream's
 * latency for each measured change it saw.
 */
async function measureChanges(
  apps: AppsV1Api,
  streams: OpenStream[],
  firstReplicas: number,
): Promise<{ latencies: number[]; missed: number }> {
  const latencies: number[] = [];
  let missed = 0;
  for (let c = -1; c < changesPerRun; c++) {
    const replicas = firstReplicas + c + 1;
    const written = performance.now();
    await apps.patchNamespacedDeploymentScale({
      namespace,
      name: deployment,
      body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
    });
    const until = written + changeDeadlineMs;
    while (streams.some((s) => !s.seen.has(replicas)) && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const stream of c < 0 ? [] : streams) {
      const at = stream.seen.get(replicas);
      if (at === undefined) missed++;
      else latencies.push(at - written);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { latencies, missed };
}

const probeTimeoutMs = 5_000;

/**
 * Starts a `GET /api/projects` (which reads the cluster through the same agent) while streams are
 * open; resolves to its duration, or undefined if it had no answer within 5 s (then `settled`
 * says when it finally ends, for the phase to wait for before it goes on).
 */
function probeProjects(
  app: InProcessConsole,
  cookie: string,
): { answered: Promise<number | undefined>; settled: Promise<unknown> } {
  const start = performance.now();
  const settled = app
    .call(endpoints.listProjects, { cookie })
    .then((response) => response.text())
    .then(() => performance.now() - start);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const answered = Promise.race([
    settled,
    new Promise<undefined>(
      (resolve) => (timer = setTimeout(() => resolve(undefined), probeTimeoutMs)),
    ),
  ]).finally(() => clearTimeout(timer));
  return { answered, settled: settled.catch(() => {}) };
}

const probeRow = (label: string, ms: number | undefined): BenchRow => ({
  name: `GET /api/projects while ${label}`,
  metric: 'duration',
  value: ms ?? probeTimeoutMs,
  unit: ms === undefined ? `ms: NO ANSWER within ${probeTimeoutMs / 1000} s` : 'ms',
});

const began = performance.now();
const progress = (what: string) =>
  process.stderr.write(`  ${((performance.now() - began) / 1000).toFixed(1)} s: ${what}\n`);

function latencyRows(
  label: string,
  many: { latencies: number[] },
  one: { latencies: number[] },
): BenchRow[] {
  if (many.latencies.length === 0 || one.latencies.length === 0) return [];
  return [
    ...[50, 99].map((p) =>
      compared({
        name: `${label}, vs 1 stream`,
        metric: `p${p} of ${many.latencies.length}`,
        value: percentile(many.latencies, p),
        unit: 'ms',
        baseline: percentile(one.latencies, p),
      }),
    ),
    compared({
      name: `${label}, vs the ${goalMs} ms goal`,
      metric: `p99 of ${many.latencies.length}`,
      value: percentile(many.latencies, 99),
      unit: 'ms',
      baseline: goalMs,
    }),
  ];
}

export async function run(): Promise<BenchRow[]> {
  const gc = collector();
  const app = await startInProcessConsole();
  const phases: Phase[] = [];
  const newPhase = () => {
    const phase: Phase = { stopped: false, closers: new Set() };
    phases.push(phase);
    return phase;
  };
  try {
    const core = app.admin.makeApiClient(CoreV1Api);
    // The writes go through their own agent, so they never queue behind the console's watches.
    const apps = app.ownAgentAdmin.makeApiClient(AppsV1Api);
    await core.createNamespace({
      body: { metadata: { name: namespace, labels: { 'istio-injection': 'enabled' } } },
    });
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: deployment, labels: { app: deployment, version: 'v1' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: deployment, version: 'v1' } },
          template: {
            metadata: { labels: { app: deployment, version: 'v1' } },
            spec: { containers: [{ name: deployment, image: 'nginx:1.27' }] },
          },
        },
      },
    });
    const cookies: string[] = new Array<string>(streamCount);
    await inBatches(streamCount, accountWidth, async (i) => {
      const username = `viewer-${String(i).padStart(3, '0')}`;
      await app.addMember(username, namespace, 'viewer');
      cookies[i] = await app.signIn(username);
    });
    progress(`${streamCount} viewers signed in`);
    const agent = (await app.admin.applyToFetchOptions({})).agent as Agent;
    const builtSockets = agent.maxSockets;
    let replicas = 2;

    // Baseline: the same changes seen by one stream.
    const single = newPhase();
    const singleStreams = await openStreams(app, cookies.slice(0, 1), single);
    const one = await measureChanges(apps, singleStreams, replicas);
    replicas += changesPerRun + 1;
    await endPhase(single);
    progress('one stream measured');

    // As built: the console's shared agent, at most `builtSockets` connections to the cluster.
    const built = newPhase();
    const builtStreams = await openStreams(app, cookies, built);
    progress(`as built: ${builtStreams.length} streams open`);
    const builtProbe = probeProjects(app, cookies[0]!);
    const builtProbeMs = await builtProbe.answered;
    const asBuilt = await measureChanges(apps, builtStreams, replicas);
    replicas += changesPerRun + 1;
    await endPhase(built);
    await Promise.race([builtProbe.settled, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    progress('as built: measured');

    // The same with the agent's connection limit lifted: what the streams themselves cost.
    agent.maxSockets = Infinity;
    const idle = memory(gc);
    const lifted = newPhase();
    const liftedStreams = await openStreams(app, cookies, lifted);
    progress(`limit lifted: ${liftedStreams.length} streams open`);
    const busy = memory(gc);
    const liftedProbeMs = await probeProjects(app, cookies[0]!).answered;
    const many = await measureChanges(apps, liftedStreams, replicas);
    await endPhase(lifted);
    progress('limit lifted: measured');

    const mb = 1024 * 1024;
    const open = liftedStreams.length;
    return [
      {
        name: `streams open within ${openDeadlineMs / 1000} s, as built (agent maxSockets ${builtSockets})`,
        metric: `of ${streamCount}`,
        value: builtStreams.length,
        unit: 'streams',
      },
      probeRow(`${builtStreams.length} streams are open, as built`, builtProbeMs),
      ...latencyRows(
        `${builtStreams.length} streams as built see a Deployment scale`,
        asBuilt,
        one,
      ),
      {
        name: `streams open within ${openDeadlineMs / 1000} s, agent connection limit lifted`,
        metric: `of ${streamCount}`,
        value: open,
        unit: 'streams',
      },
      probeRow(`${open} streams are open, limit lifted`, liftedProbeMs),
      ...latencyRows(`${open} streams (limit lifted) see a Deployment scale`, many, one),
      {
        name: `changes not seen within ${changeDeadlineMs / 1000} s: 1 stream / as built / lifted`,
        metric: `of ${changesPerRun} per stream`,
        value: many.missed,
        unit: `(1: ${one.missed}, built: ${asBuilt.missed})`,
      },
      ...(open === 0
        ? []
        : [
            {
              name: `console memory per open stream (${open} open vs none, after GC)`,
              metric: 'RSS delta / stream',
              value: (busy.rss - idle.rss) / open / 1024,
              unit: 'KB',
            },
            {
              name: `console memory per open stream (${open} open vs none, after GC)`,
              metric: 'heapUsed delta / stream',
              value: (busy.heap - idle.heap) / open / 1024,
              unit: 'KB',
            },
            compared({
              name: `console RSS with ${open} streams open vs none`,
              metric: 'RSS',
              value: busy.rss / mb,
              unit: 'MB',
              baseline: idle.rss / mb,
            }),
          ]),
    ];
  } finally {
    for (const phase of phases) await endPhase(phase);
    await app.dispose();
  }
}
