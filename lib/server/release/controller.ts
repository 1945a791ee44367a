import 'server-only';
import { hostname } from 'node:os';
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import type { VirtualService } from '@/lib/domain/istio/types';
import { releaseGroup, releasePlural, releaseVersion, type ReleaseJob } from '@/lib/domain/release';
import { discoverIstioVersion } from '../kube/kube-config';
import { startLeaderElection } from './leader-election';
import type { VersionMetricsSource } from './metrics-source';
import { ReleaseApi } from './release-api';
import { jobsConcernedBy } from './affected-jobs';
import { reconcileJob, type ReconcileOptions } from './reconcile';
import { WorkQueue } from './work-queue';

/**
 * The release controller: watches ReleaseJobs (and VirtualServices, to notice hand edits), resyncs
 * every job periodically, and reconciles each through a keyed work queue with backoff. With
 * leader election on, only the Lease holder reconciles, so several console replicas never fight.
 */

export interface ReleaseControllerOptions {
  kubeConfig: KubeConfig;
  /** Watch one namespace only; all by default. */
  namespace?: string;
  /**
   * How often every job is queued again, to catch what a watch missed (5 minutes by default).
   * Jobs already queued or running are left alone, and a resync is skipped while the one before
   * still has jobs waiting: at thousands of jobs one pass takes longer than a short interval.
   */
  resyncMs?: number;
  metrics?: VersionMetricsSource;
  /** Lease location; without it the controller assumes it is the only one. */
  leaderElection?: {
    namespace: string;
    name?: string;
    identity?: string;
    leaseDurationSeconds?: number;
    retryMs?: number;
  };
  reconcile?: Omit<ReconcileOptions, 'metrics'>;
  log?: (message: string) => void;
}

export interface ReleaseController {
  /** Resolves when no reconcile is running or due. */
  idle(): Promise<void>;
  isLeader(): boolean;
  stop(): Promise<void>;
}

const keyOf = (job: { metadata?: { namespace?: string; name?: string } }) =>
  `${job.metadata?.namespace}/${job.metadata?.name}`;

export async function startReleaseController(
  options: ReleaseControllerOptions,
): Promise<ReleaseController> {
  const log = options.log ?? (() => undefined);
  const api = new ReleaseApi(options.kubeConfig, await discoverIstioVersion(options.kubeConfig));
  const queue = new WorkQueue(
    async (key) => {
      const [namespace, name] = key.split('/') as [string, string];
      const job = await api.getJob(namespace, name);
      if (!job) {
        queue.forget(key);
        return {};
      }
      return reconcileJob(api, job, { ...options.reconcile, metrics: options.metrics });
    },
    {
      onError: (key, error) =>
        log(`reconcile ${key}: ${error instanceof Error ? error.message : String(error)}`),
    },
  );
  const aborts: AbortController[] = [];
  let resync: NodeJS.Timeout | undefined;
  let running = false;
  /** Counts leadership terms, so that a watch or timer set up in a lost term is not kept. */
  let leadership = 0;
  /** Resolves once the reconciles of the last lost term have finished. */
  let paused: Promise<void> = Promise.resolve();

  const enqueueAll = async (namespace?: string) => {
    for (const job of (await api.listJobs(namespace ?? options.namespace)).items)
      queue.add(keyOf(job));
  };

  /** A VirtualService changed: queues the jobs it concerns (all of its namespace when it cannot be read). */
  const enqueueConcerned = async (vs: Partial<VirtualService> | undefined) => {
    const namespace = vs?.metadata?.namespace;
    if (!namespace) return enqueueAll();
    const jobs = (await api.listJobs(namespace)).items;
    const concerned = jobsConcernedBy(
      vs,
      jobs.map((job) => ({ name: job.metadata.name, service: job.spec?.service ?? '' })),
    );
    if (!concerned) return enqueueAll(namespace);
    for (const job of concerned) queue.add(`${namespace}/${job.name}`);
  };

  /** The keys the last resync queued: the next one waits until none of them still waits to start. */
  let resyncKeys: string[] = [];
  let resyncListing = false;
  const resyncAll = async () => {
    if (resyncListing || resyncKeys.some((key) => queue.isDue(key))) return;
    resyncListing = true;
    try {
      const keys = (await api.listJobs(options.namespace)).items
        .map(keyOf)
        .filter((key) => !queue.has(key));
      for (const key of keys) queue.add(key);
      resyncKeys = keys;
    } finally {
      resyncListing = false;
    }
  };

  const watch = async (
    path: string,
    onEvent: (object: ReleaseJob & { spec?: unknown }, type: string) => void,
  ) => {
    const term = leadership;
    const current = () => running && term === leadership;
    const start = async (): Promise<void> => {
      if (!current()) return;
      try {
        const abort = await new Watch(options.kubeConfig).watch(
          path,
          {},
          (type, object) => onEvent(object, type),
          () => {
            // A watch ends (timeouts, restarts of the API server): list again, then watch again.
            if (current())
              setTimeout(
                () =>
                  void enqueueAll()
                    .catch(() => undefined)
                    .finally(() => void start()),
                500,
              );
          },
        );
        // Leadership may have been lost while the watch was connecting: stopWork has run already.
        if (current()) aborts.push(abort);
        else abort.abort();
      } catch {
        if (current()) setTimeout(() => void start(), 1_000);
      }
    };
    await start();
  };

  const prefix = (group: string, version: string, plural: string) =>
    options.namespace
      ? `/apis/${group}/${version}/namespaces/${options.namespace}/${plural}`
      : `/apis/${group}/${version}/${plural}`;

  const startWork = async () => {
    if (running) return;
    running = true;
    const term = ++leadership;
    // A reconcile from the term before must not overlap this one's first list.
    await paused;
    if (term !== leadership) return;
    queue.resume();
    log('release controller: reconciling');
    await watch(prefix(releaseGroup, releaseVersion, releasePlural), (job) =>
      queue.add(keyOf(job)),
    );
    await watch(
      prefix('networking.istio.io', api.istioVersion, 'virtualservices'),
      (vs) =>
        void enqueueConcerned(vs as unknown as Partial<VirtualService>).catch(() => undefined),
    );
    await enqueueAll().catch((error: unknown) => log(`list release jobs: ${String(error)}`));
    if (term === leadership && running)
      resync = setInterval(
        () => void resyncAll().catch(() => undefined),
        options.resyncMs ?? 300_000,
      );
  };
  /**
   * Leadership lost (or shutting down): no more watches or resync, and the queue paused, so that
   * reconciles already scheduled (timed requeues, backoff retries) do not write beside the new
   * leader. A reconcile already running still finishes; `paused` resolves when it has.
   */
  const stopWork = () => {
    if (running) log('release controller: stopped reconciling');
    running = false;
    leadership += 1;
    clearInterval(resync);
    resyncKeys = [];
    for (const abort of aborts.splice(0)) abort.abort();
    paused = queue.pause();
  };

  let election: ReturnType<typeof startLeaderElection> | undefined;
  if (options.leaderElection) {
    const le = options.leaderElection;
    election = startLeaderElection(options.kubeConfig, {
      namespace: le.namespace,
      name: le.name ?? 'aviary-release-controller',
      identity: le.identity ?? `${hostname()}-${process.pid}`,
      leaseDurationSeconds: le.leaseDurationSeconds,
      retryMs: le.retryMs,
      onStartedLeading: () => void startWork(),
      onStoppedLeading: stopWork,
    });
  } else {
    await startWork();
  }

  return {
    idle: () => queue.idle(),
    isLeader: () => election?.isLeader() ?? true,
    async stop() {
      stopWork();
      await queue.stop();
      await election?.stop();
    },
  };
}
