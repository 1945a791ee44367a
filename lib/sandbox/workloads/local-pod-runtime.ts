/**
 * The sandbox's real pod runtime: every pod runs on this machine. Known images (Bookinfo's) run
 * as in-process HTTP servers, each on its own loopback port with its own identity, environment,
 * tracer and logs; with `allowExec`, a container that gives a `command` runs as a local child
 * process; any other image waits in ErrImagePull / ImagePullBackOff as on a node that cannot
 * pull it. Its `logs` are the API server's LogSource for `pods/log`.
 */
import type { ClusterClient } from '../apiserver/cluster-client';
import type { PodNetwork } from '../contracts/pod-network';
import type { SidecarInjector } from '../contracts/sidecar';
import type { SpanSink } from '../contracts/span-sink';
import type { PodRuntime, PodStartContext, RuntimePodStatus } from '../controllers/pod-runtime';
import type { Pod } from '../controllers/workload-types';
import { bookinfoImages } from '../bookinfo/bookinfo-images';
import { resolveViaEndpoints, type ServiceResolver } from './endpoints-resolver';
import { PodLogStore } from './pod-log-store';
import { PodRunner } from './pod-runner';
import type { ImageCatalog } from './workload-app';

export interface LocalPodRuntimeOptions {
  /** Where pods' `podIP:containerPort` addresses are registered. */
  network: PodNetwork;
  /**
   * The sandbox's API, read lazily (the runtime is built before the API server starts): the pod's
   * Namespace for sidecar injection, Services for service-link variables, and Endpoints for the
   * default resolver.
   */
  cluster?: () => ClusterClient;
  /** How a pod without a sidecar reaches `service:port`; by default through Endpoints (needs `cluster`). */
  resolveService?: ServiceResolver;
  sidecars?: SidecarInjector;
  /** Where pods' spans go; dropped when absent. */
  spans?: SpanSink;
  /** Which images run in-process; Bookinfo's by default. */
  images?: ImageCatalog;
  logs?: PodLogStore;
  /** Lines kept per container run (current and previous each). */
  logLines?: number;
  /** Run containers with a `command` as local processes. Off by default: for trusted manifests only. */
  allowExec?: boolean;
  /** Probe period when a probe states none (kubelet's 10 s would make the sandbox feel stuck). */
  probePeriodMs?: number;
  /** How long ErrImagePull lasts before ImagePullBackOff. */
  imagePullBackOffMs?: number;
  /** First step of the doubling restart back-off (the first restart is immediate). */
  crashLoopBackOffMs?: number;
  /** Random source for the apps' fault modes and endpoint choice. */
  random?: () => number;
  now?: () => Date;
}

export class LocalPodRuntime implements PodRuntime {
  readonly logs: PodLogStore;
  private readonly runners = new Map<string, PodRunner>();
  private readonly resolveService: ServiceResolver | undefined;

  constructor(private readonly options: LocalPodRuntimeOptions) {
    this.logs = options.logs ?? new PodLogStore(options.logLines ?? 1000);
    const cluster = options.cluster;
    this.resolveService =
      options.resolveService ??
      (cluster ? resolveViaEndpoints(cluster, options.network, options.random) : undefined);
  }

  async start(pod: Pod, context: PodStartContext): Promise<RuntimePodStatus> {
    const key = context.podKey;
    await this.runners.get(key)?.stop();
    const runner = new PodRunner(pod, context, {
      network: this.options.network,
      logs: this.logs,
      spans: this.options.spans ?? { export: () => {} },
      images: this.options.images ?? bookinfoImages,
      sidecars: this.options.sidecars,
      cluster: this.options.cluster,
      resolveService: this.resolveService,
      allowExec: this.options.allowExec ?? false,
      probePeriodMs: this.options.probePeriodMs ?? 1000,
      imagePullBackOffMs: this.options.imagePullBackOffMs ?? 1000,
      crashLoopBackOffMs: this.options.crashLoopBackOffMs ?? 1000,
      random: this.options.random ?? Math.random,
      now: this.options.now ?? (() => new Date()),
    });
    this.runners.set(key, runner);
    try {
      return await runner.start();
    } catch (error) {
      // The lifecycle controller retries a failed start: leave nothing of this attempt behind.
      this.runners.delete(key);
      await runner.stop();
      this.logs.remove(key);
      throw error;
    }
  }

  async stop(pod: Pod): Promise<void> {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const runner = this.runners.get(key);
    this.runners.delete(key);
    await runner?.stop();
    this.logs.remove(key);
  }
}
