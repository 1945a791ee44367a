import 'server-only';
import { hostname } from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import type { DestinationRule, VirtualService } from '@/lib/domain/istio/types';
import {
  appLabel,
  appVersionOf,
  controllerFieldManager,
  deploymentReady,
  recommendedAppLabel,
  recommendedVersionLabel,
  versionLabel,
  releaseGroup,
  releaseJobLabel,
  releasePlural,
  releaseVersion,
} from '@/lib/domain/release';
import { apiRefusal, describeApiError } from '../kube/api-error';
import { startInformer, type Informer } from '../kube/informer';
import { asProgram, discoverIstioVersion } from '../kube/kube-config';
import { startLeaderElection } from './leader-election';
import type { VersionMetricsSource } from './metrics-source';
import { ReleaseApi } from './release-api';
import { jobsConcernedBy, jobsConcernedByRule, type JobService } from './affected-jobs';
import { reconcileJob, type ReconcileOptions } from './reconcile';
import { WorkQueue } from './work-queue';

/**
 * The release controller: informers (list, then watch) on ReleaseJobs, VirtualServices,
 * DestinationRules and Deployments (the new versions and the stable ones); a change queues the jobs it concerns, and a
 * periodic resync queues them all. Each job is reconciled through a keyed work queue with backoff,
 * reading the Istio objects from the informers' caches, so a reconcile costs a few small requests
 * whatever the size of its namespace. What a write returns goes into the cache at once, so the
 * watch event of the controller's own write finds nothing new and queues nothing. With leader election on, only the Lease
 * holder runs informers and reconciles, so several console replicas never fight.
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
  /** Reconciles run at the same time (8 by default): each mostly waits on the API server. */
  workers?: number;
  log?: (message: string) => void;
  /** Called after each reconcile of a job that finished without an error (tests count passes). */
  onReconciled?: (key: string) => void;
}

export interface ReleaseController {
  /** Resolves when no reconcile is running or due. */
  idle(): Promise<void>;
  isLeader(): boolean;
  stop(): Promise<void>;
}

const keyOf = (job: { metadata?: { namespace?: string; name?: string } }) =>
  `${job.metadata?.namespace}/${job.metadata?.name}`;

/** What the controller keeps of a job between reconciles: enough to route events to it. */
interface JobRef {
  metadata: { namespace?: string; name?: string; resourceVersion?: string };
  /** `adoptedVersion`: the new version, when its Deployment is adopted (it carries no job label). */
  spec?: { service?: string; stableVersion?: string; adoptedVersion?: string };
}
const toJobRef = (
  job: JobRef & { spec?: { newVersion?: { version?: string; adopt?: boolean } } },
): JobRef => ({
  metadata: {
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    resourceVersion: job.metadata.resourceVersion,
  },
  spec: {
    service: job.spec?.service,
    stableVersion: job.spec?.stableVersion,
    ...(job.spec?.newVersion?.adopt ? { adoptedVersion: job.spec.newVersion.version } : {}),
  },
});

/**
 * What the controller keeps of a Deployment: the job that created it, else the app and version
 * it runs (it may be a job's stable version), and how ready it is.
 */
interface WorkloadRef {
  metadata: {
    namespace?: string;
    name?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
  };
  /** `<ready verdict>/<ready replicas>`: what a reconcile acts on or reports. */
  readiness?: string;
}
const toWorkloadRef = (deployment: WorkloadRef & Parameters<typeof deploymentReady>[0]) => ({
  metadata: {
    namespace: deployment.metadata.namespace,
    name: deployment.metadata.name,
    resourceVersion: deployment.metadata.resourceVersion,
    labels: pick(deployment.metadata.labels, [
      releaseJobLabel,
      appLabel,
      versionLabel,
      recommendedAppLabel,
      recommendedVersionLabel,
    ]),
  },
  readiness: `${deploymentReady(deployment)}/${deployment.status?.readyReplicas ?? 0}`,
});

const pick = (labels: Record<string, string> | undefined, keys: string[]) =>
  Object.fromEntries(keys.flatMap((key) => (labels?.[key] ? [[key, labels[key]]] : [])));

/**
 * Whether a change to a Deployment is worth a reconcile of its job: it became ready or unready,
 * its ready count moved, or it is gone. Its other status updates (a rollout's intermediate
 * counts, observedGeneration) change nothing the job does.
 */
function workloadChangeMatters(type: string, now: WorkloadRef, before?: WorkloadRef): boolean {
  if (type === 'DELETED') return true;
  if (type === 'ADDED') return now.readiness?.startsWith('true') ?? false;
  return now.readiness !== before?.readiness;
}

/** While the new version is not ready: the Deployment watch says when it is; this is the fallback. */
const waitRequeueMs = 15_000;

export async function startReleaseController(
  options: ReleaseControllerOptions,
): Promise<ReleaseController> {
  const log = options.log ?? (() => undefined);
  // Every request as `aviary-controller`: its writes are told apart from anyone else's.
  const kubeConfig = asProgram(options.kubeConfig, controllerFieldManager);
  const istioVersion = await discoverIstioVersion(kubeConfig);
  /** The informers of the current leadership term (none while not leading). */
  let informers:
    | {
        jobs: Informer<JobRef>;
        virtualServices: Informer<VirtualService>;
        destinationRules: Informer<DestinationRule>;
        workloads: Informer<WorkloadRef>;
      }
    | undefined;
  let api = new ReleaseApi(kubeConfig, istioVersion);
  const queue = new WorkQueue(
    async (key) => {
      const [namespace, name] = key.split('/') as [string, string];
      const job = await api.getJob(namespace, name);
      if (!job) {
        queue.forget(key);
        return {};
      }
      const result = await reconcileJob(api, job, {
        waitRequeueMs,
        ...options.reconcile,
        metrics: options.metrics,
      });
      options.onReconciled?.(key);
      return result;
    },
    {
      concurrency: options.workers ?? 8,
      onError: (key, error) => log(`reconcile ${key}: ${describeApiError(error)}`),
    },
  );
  // Nothing runs before the informers have listed: a reconcile on a half-filled cache would take
  // someone else's VirtualService for missing.
  void queue.pause();
  let resync: NodeJS.Timeout | undefined;
  let running = false;
  /** Counts leadership terms, so that work set up in a lost term is not kept. */
  let leadership = 0;
  /** The term whose informers have all listed (0: none yet). */
  let listedTerm = 0;
  /** Resolves once the reconciles of the last lost term have finished. */
  let paused: Promise<void> = Promise.resolve();

  const jobsIn = (namespace: string): JobService[] =>
    (informers?.jobs.cache.list(namespace) ?? []).map((job) => ({
      name: job.metadata.name ?? '',
      service: job.spec?.service ?? '',
    }));
  const enqueueAll = (namespace?: string) => {
    for (const job of informers?.jobs.cache.list(namespace) ?? []) queue.add(keyOf(job));
  };
  /** An Istio object changed: queues the jobs it concerns (all of its namespace when it cannot be read). */
  const enqueueConcerned = (concerned: JobService[] | undefined, namespace: string | undefined) => {
    if (!namespace) return enqueueAll();
    if (!concerned) return enqueueAll(namespace);
    for (const job of concerned) queue.add(`${namespace}/${job.name}`);
  };

  /** The keys the last resync queued: the next one waits until none of them still waits to start. */
  let resyncKeys: string[] = [];
  const resyncAll = () => {
    if (resyncKeys.some((key) => queue.isDue(key))) return;
    const keys = (informers?.jobs.cache.list() ?? []).map(keyOf).filter((key) => !queue.has(key));
    for (const key of keys) queue.add(key);
    resyncKeys = keys;
  };

  const startInformers = (term: number) => {
    const current = () => running && term === leadership;
    /** The last error each informer logged: a list retried every few seconds says it once a minute. */
    const lastErrors = new Map<string, { message: string; at: number }>();
    const common = (plural: string) => ({
      kubeConfig,
      namespace: options.namespace,
      onError: (error: unknown) => {
        if (!current()) return;
        let message = `watch ${plural}: ${describeApiError(error)}`;
        if (plural === releasePlural && apiRefusal(error)?.code === 404)
          message += ` (is Aviary's CRD installed? kubectl apply -f deploy/release-job-crd.yaml)`;
        const last = lastErrors.get(plural);
        if (last?.message === message && Date.now() - last.at < 60_000) return;
        lastErrors.set(plural, { message, at: Date.now() });
        log(message);
      },
    });
    /** An Istio kind whose changes queue the jobs they concern (`concerned` picks them). */
    const istioInformer = <T extends VirtualService | DestinationRule>(
      plural: string,
      concerned: (object: T, jobs: readonly JobService[]) => JobService[] | undefined,
    ) =>
      startInformer<T>({
        ...common(plural),
        group: 'networking.istio.io',
        version: istioVersion,
        plural,
        onChange: (_type, object) => {
          if (!current()) return;
          const namespace = object.metadata?.namespace;
          enqueueConcerned(namespace ? concerned(object, jobsIn(namespace)) : undefined, namespace);
        },
      });
    return {
      jobs: startInformer<JobRef>({
        ...common(releasePlural),
        group: releaseGroup,
        version: releaseVersion,
        plural: releasePlural,
        transform: toJobRef,
        onChange: (type, job) => {
          if (!current()) return;
          if (type === 'DELETED') queue.forget(keyOf(job));
          else queue.add(keyOf(job));
        },
      }),
      virtualServices: istioInformer<VirtualService>('virtualservices', jobsConcernedBy),
      destinationRules: istioInformer<DestinationRule>('destinationrules', jobsConcernedByRule),
      workloads: startInformer<WorkloadRef>({
        ...common('deployments'),
        group: 'apps',
        version: 'v1',
        plural: 'deployments',
        // Every Deployment, not only Aviary's: the stable versions are someone else's, and a
        // job must say at once when the version traffic falls back to has no ready pod.
        transform: toWorkloadRef as (deployment: WorkloadRef) => WorkloadRef,
        onChange: (type, deployment, before) => {
          if (!current() || !workloadChangeMatters(type, deployment, before)) return;
          const { namespace, labels } = deployment.metadata;
          const job = labels?.[releaseJobLabel];
          if (job) return queue.add(`${namespace}/${job}`);
          // Someone else's Deployment may be a job's stable version, or its adopted new one.
          // Until every cache has listed, enqueueAll covers it: looking up each listed
          // Deployment's jobs would cost Deployments x jobs at start.
          if (listedTerm !== term) return;
          const { app, version } = appVersionOf(labels);
          for (const ref of informers?.jobs.cache.list(namespace) ?? [])
            if (
              ref.spec?.service === app &&
              (ref.spec?.stableVersion === version || ref.spec?.adoptedVersion === version)
            )
              queue.add(keyOf(ref));
        },
      }),
    };
  };

  const startWork = async () => {
    if (running) return;
    running = true;
    const term = ++leadership;
    // A reconcile from the term before must not overlap this one's first list.
    await paused;
    if (term !== leadership) return;
    const started = startInformers(term);
    informers = started;
    api = new ReleaseApi(kubeConfig, istioVersion, {
      jobs: started.jobs,
      virtualServices: started.virtualServices,
      destinationRules: started.destinationRules,
    });
    await Promise.all(Object.values(started).map((informer) => informer.synced));
    if (term !== leadership || !running) return;
    listedTerm = term;
    queue.resume();
    log('release controller: reconciling');
    // The informers queued every job they listed; a resync catches what no event announces.
    enqueueAll();
    resync = setInterval(() => resyncAll(), options.resyncMs ?? 300_000);
  };
  /**
   * Leadership lost (or shutting down): no more informers or resync, and the queue paused, so that
   * reconciles already scheduled (timed requeues, backoff retries) do not write beside the new
   * leader. A reconcile already running still finishes; `paused` resolves when it has.
   */
  const stopWork = () => {
    if (running) log('release controller: stopped reconciling');
    running = false;
    leadership += 1;
    clearInterval(resync);
    resyncKeys = [];
    for (const informer of Object.values(informers ?? {})) informer.stop();
    informers = undefined;
    paused = queue.pause();
  };

  let election: ReturnType<typeof startLeaderElection> | undefined;
  if (options.leaderElection) {
    const le = options.leaderElection;
    election = startLeaderElection(kubeConfig, {
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
