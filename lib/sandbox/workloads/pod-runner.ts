/**
 * Runs one pod: builds each container (in-process app, local process, or a waiting one whose image
 * is unknown), attaches the sidecar, registers the pod's ports in the pod network, probes
 * readiness and liveness, restarts containers that fail, and reports every change.
 */
import { Agent } from 'node:http';
import type { ClusterClient } from '../apiserver/cluster-client';
import { resources } from '../apiserver/cluster-client';
import type { KubeObject } from '../apiserver/types';
import type { PodNetwork } from '../contracts/pod-network';
import type { AttachedSidecar, SidecarInjector } from '../contracts/sidecar';
import type { SpanSink } from '../contracts/span-sink';
import {
  fakeDigest,
  type PodStartContext,
  type RuntimePodStatus,
} from '../controllers/pod-runtime';
import type { Pod, Service } from '../controllers/workload-types';
import { containerEnv, expandCommandAndArgs, serviceLinkEnv } from './container-env';
import type { ContainerExit } from './container-process';
import { crashBackOffMs, imagePullState, slotStatus, type ContainerSlot } from './container-slot';
import type { ServiceResolver } from './endpoints-resolver';
import { ExecContainer, freeLoopbackPort } from './exec-container';
import { InProcessContainer } from './in-process-container';
import { ListeningPortWatch } from './listening-port-watch';
import { createOutboundFetch, type OutboundRoute } from './outbound-fetch';
import type { PodLogStore } from './pod-log-store';
import { createPodTracer, type PodTracer } from './pod-tracer';
import { Prober, probeSpec } from './probe';
import type { ImageCatalog, KnownImage } from './workload-app';

export interface PodRunnerSettings {
  network: PodNetwork;
  logs: PodLogStore;
  spans: SpanSink;
  images: ImageCatalog;
  sidecars?: SidecarInjector;
  cluster?: () => ClusterClient;
  resolveService?: ServiceResolver;
  allowExec: boolean;
  probePeriodMs: number;
  imagePullBackOffMs: number;
  crashLoopBackOffMs: number;
  random: () => number;
  now: () => Date;
}

const seconds = (date: Date) => date.toISOString().replace(/\.\d+Z$/, 'Z');

export class PodRunner {
  private readonly slots: ContainerSlot[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly portWatches = new Map<ContainerSlot, ListeningPortWatch>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly key: string;
  private tracer: PodTracer | undefined;
  private sidecar: AttachedSidecar | undefined;
  private stopped = false;

  constructor(
    private readonly pod: Pod,
    private readonly context: PodStartContext,
    private readonly settings: PodRunnerSettings,
  ) {
    this.key = context.podKey;
  }

  async start(): Promise<RuntimePodStatus> {
    const { pod, context, settings } = this;
    const namespace = pod.metadata.namespace ?? 'default';
    const fields = { podIP: context.podIP, hostIP: context.hostIP, nodeName: context.nodeName };
    const runnable = (pod.spec.containers ?? []).map((spec) => ({
      spec,
      known: settings.images(spec.image ?? ''),
    }));
    const first = runnable.find((c) => c.known)?.known;
    this.tracer = createPodTracer(
      {
        app: first?.app ?? pod.metadata.labels?.app ?? pod.metadata.name ?? 'unknown',
        version: first?.version ?? pod.metadata.labels?.version ?? 'unknown',
        podName: pod.metadata.name ?? '',
        namespace,
        podIP: context.podIP,
        nodeName: context.nodeName,
        podUid: pod.metadata.uid,
      },
      settings.spans,
    );
    const route: OutboundRoute = (host, port) => {
      if (this.sidecar) return { host: '127.0.0.1', port: this.sidecar.outboundPort };
      if (!settings.resolveService)
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return settings.resolveService(namespace, host, port);
    };
    const fetch = createOutboundFetch(route, this.agent);

    const execs: Array<{ slot: ContainerSlot; port: number }> = [];
    for (const { spec, known } of runnable) {
      const slot: ContainerSlot = {
        spec,
        state: imagePullState(spec.image ?? '', 'ErrImagePull'),
        ready: false,
        restartCount: 0,
        probers: [],
      };
      this.slots.push(slot);
      if (settings.allowExec && (spec.command as string[] | undefined)?.length) {
        execs.push({ slot, port: await freeLoopbackPort() });
      } else if (known) {
        const log = settings.logs.writer(this.key, spec.name);
        slot.process = this.inProcess(slot, known, containerEnv(pod, spec, fields), log, fetch);
        await slot.process.start();
        this.markRunning(slot);
        log(
          `Starting ${known.app} ${known.version} (pod ${pod.metadata.name}, ${context.podIP}) on 127.0.0.1:${slot.process.port}`,
        );
      }
    }

    const main = this.slots.find(
      (s) => s.process?.port !== undefined || execs.some((e) => e.slot === s),
    );
    const mainPort = (slot: ContainerSlot) =>
      slot.process?.port ?? execs.find((e) => e.slot === slot)?.port;
    const namespaceObject = settings.cluster?.().get(resources.namespaces, undefined, namespace);
    const podWithIP = {
      ...pod,
      status: { ...pod.status, podIP: context.podIP, hostIP: context.hostIP },
    } as KubeObject;
    if (main && settings.sidecars?.shouldInject(podWithIP, namespaceObject)) {
      this.sidecar = await settings.sidecars.attach(podWithIP, mainPort(main)!);
    }

    for (const exec of execs) {
      exec.slot.process = this.execContainer(exec.slot, exec.port, namespace, fields);
      try {
        await exec.slot.process.start();
      } catch (error) {
        this.onExit(exec.slot, {
          exitCode: 128,
          reason: 'StartError',
          message: (error as Error).message,
        });
        continue;
      }
      this.markRunning(exec.slot);
      this.watchListeningPort(exec.slot);
    }

    for (const slot of this.slots) {
      const port = mainPort(slot);
      if (port === undefined) continue;
      const exposed = slot === main && this.sidecar ? this.sidecar.inboundPort : port;
      for (const p of slot.spec.ports ?? [])
        settings.network.register(context.podIP, p.containerPort, exposed);
      // A process that could not start gets its probes when its restart runs it.
      if (!('running' in slot.state)) continue;
      this.startProbes(
        slot,
        execs.some((e) => e.slot === slot),
      );
    }
    if (this.slots.some((s) => !s.process))
      this.later(settings.imagePullBackOffMs, () => this.backOffPulls());
    return this.status();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.settings.network.unregister(this.context.podIP);
    for (const slot of this.slots) for (const prober of slot.probers) prober.stop();
    for (const watch of this.portWatches.values()) watch.stop();
    await this.sidecar?.detach();
    await Promise.all(this.slots.map((slot) => slot.process?.kill()));
    this.agent.destroy();
    await this.tracer?.shutdown();
  }

  private status(): RuntimePodStatus {
    return { containers: this.slots.map(slotStatus) };
  }

  private report(): void {
    if (!this.stopped) this.context.onStatusChange(this.key, this.status());
  }

  private later(ms: number, run: () => void | Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) void run();
    }, ms);
    this.timers.add(timer);
  }

  private inProcess(
    slot: ContainerSlot,
    known: KnownImage,
    env: Record<string, string>,
    log: (line: string) => void,
    fetch: ReturnType<typeof createOutboundFetch>,
  ) {
    const workloadEnv = {
      podName: this.pod.metadata.name ?? '',
      namespace: this.pod.metadata.namespace ?? 'default',
      podIP: this.context.podIP,
      app: known.app,
      version: known.version,
      env,
    };
    const io = {
      fetch,
      tracer: this.tracer!.tracer,
      log,
      random: this.settings.random,
      sleep: (ms: number) => new Promise<void>((resolve) => this.later(ms, resolve)),
    };
    return new InProcessContainer(
      () => known.factory(workloadEnv, io),
      log,
      (exit) => this.onExit(slot, exit),
    );
  }

  private markRunning(slot: ContainerSlot): void {
    slot.state = { running: { startedAt: seconds(this.settings.now()) } };
    slot.containerID = `containerd://${fakeDigest(this.pod.metadata.uid ?? this.key, slot.spec.name, String(slot.restartCount))}`;
  }

  /** In-process apps are probed on /health when the pod declares no readiness probe; local processes are ready once started. */
  private startProbes(slot: ContainerSlot, isExec: boolean): void {
    const port = () => slot.process?.port;
    const readiness = probeSpec(slot.spec, 'readinessProbe', isExec ? undefined : '/health');
    if (readiness) {
      slot.probers.push(
        new Prober(readiness, port, this.settings.probePeriodMs, (passing) => {
          slot.ready = passing;
          this.report();
        }),
      );
    } else {
      slot.ready = true;
    }
    const liveness = probeSpec(slot.spec, 'livenessProbe');
    if (liveness) {
      slot.probers.push(
        new Prober(liveness, port, this.settings.probePeriodMs, (passing) => {
          if (passing) return;
          this.settings.logs.writer(
            this.key,
            slot.spec.name,
          )('Liveness probe failed: the container will be restarted');
          void slot.process?.kill().then(() =>
            this.onExit(slot, {
              exitCode: 137,
              reason: 'Error',
              message: 'Liveness probe failed',
            }),
          );
        }),
      );
    }
    for (const prober of slot.probers) prober.start();
  }

  /** A container ended without being asked to: record it, wait out the back-off, start it again. */
  private onExit(slot: ContainerSlot, exit: ContainerExit): void {
    if (this.stopped) return;
    for (const prober of slot.probers) prober.stop();
    slot.probers = [];
    slot.ready = false;
    this.portWatches.get(slot)?.stop();
    this.portWatches.delete(slot);
    delete slot.portIssue;
    const startedAt = 'running' in slot.state ? slot.state.running.startedAt : undefined;
    slot.lastState = {
      terminated: {
        exitCode: exit.exitCode,
        reason: exit.reason,
        ...(exit.message ? { message: exit.message } : {}),
        ...(startedAt ? { startedAt } : {}),
        finishedAt: seconds(this.settings.now()),
      },
    };
    const delay = crashBackOffMs(slot.restartCount, this.settings.crashLoopBackOffMs);
    if (delay > 0) {
      slot.state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${Math.round(delay / 1000)}s restarting failed container=${slot.spec.name} pod=${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.pod.metadata.uid})`,
        },
      };
      this.report();
    }
    this.later(delay, async () => {
      this.settings.logs.rotate(this.key, slot.spec.name);
      slot.restartCount++;
      try {
        await slot.process?.start();
      } catch (error) {
        return this.onExit(slot, {
          exitCode: 128,
          reason: 'StartError',
          message: (error as Error).message,
        });
      }
      if (this.stopped) return void slot.process?.kill();
      this.markRunning(slot);
      this.startProbes(slot, slot.process instanceof ExecContainer);
      this.watchListeningPort(slot);
      this.report();
    });
  }

  private backOffPulls(): void {
    for (const slot of this.slots)
      if (!slot.process) slot.state = imagePullState(slot.spec.image ?? '', 'ImagePullBackOff');
    this.report();
  }

  /**
   * A container run as a local process, with what the kubelet would give it (its env, service
   * links, command and args with `$(NAME)` expanded from them, its workingDir) plus what the
   * sandbox must: PORT, the loopback port to listen on, and HTTP_PROXY, its sidecar's outbound
   * side. `$(PORT)` in command, args or an env value expands to that port.
   */
  private execContainer(
    slot: ContainerSlot,
    port: number,
    namespace: string,
    fields: { podIP: string; hostIP: string; nodeName: string },
  ): ExecContainer {
    const links = this.serviceLinks(namespace);
    const own = containerEnv(this.pod, slot.spec, fields, { ...links, PORT: String(port) });
    const env = { ...links, ...own, ...this.proxyEnv(), PORT: String(port) };
    const { command, args } = expandCommandAndArgs(slot.spec, env);
    const workingDir = slot.spec.workingDir as string | undefined;
    return new ExecContainer(
      [...command, ...args],
      env,
      port,
      this.settings.logs.writer(this.key, slot.spec.name),
      (exit) => this.onExit(slot, exit),
      workingDir || undefined,
    );
  }

  /**
   * Watches where a local process listens until it listens on its $PORT: one that binds its
   * declared containerPort (or any other port) instead is unreachable here, and says so in the
   * pod's status and an Event rather than timing out unready in silence.
   */
  private watchListeningPort(slot: ContainerSlot): void {
    const process = slot.process;
    if (!(process instanceof ExecContainer)) return;
    this.portWatches.get(slot)?.stop();
    const watch = new ListeningPortWatch({
      pid: () => process.pid,
      assignedPort: process.port,
      declaredPorts: (slot.spec.ports ?? []).map((p) => p.containerPort),
      container: slot.spec.name,
      periodMs: this.settings.probePeriodMs,
      onChange: (issue) => {
        if (issue) slot.portIssue = issue;
        else delete slot.portIssue;
        this.report();
      },
    });
    this.portWatches.set(slot, watch);
    watch.start();
  }

  private proxyEnv(): Record<string, string> {
    if (!this.sidecar) return {};
    const proxy = `http://127.0.0.1:${this.sidecar.outboundPort}`;
    return {
      HTTP_PROXY: proxy,
      http_proxy: proxy,
      NO_PROXY: 'localhost,127.0.0.1',
      no_proxy: 'localhost,127.0.0.1',
    };
  }

  /**
   * `<SERVICE>_SERVICE_HOST/PORT` for the namespace's Services: the service name when a sidecar
   * proxies the calls (for a TCP port, the sidecar's loopback listener for it), else the loopback
   * address an endpoint resolves to now (a snapshot).
   */
  private serviceLinks(namespace: string): Record<string, string> {
    const services = (this.settings.cluster?.().list(resources.services, { namespace }).items ??
      []) as Service[];
    const links: Array<{ name: string; host: string; port: number }> = [];
    for (const service of services) {
      const port = service.spec.ports?.[0]?.port;
      const name = service.metadata.name ?? '';
      if (port === undefined) continue;
      if (this.sidecar) {
        // A TCP port is reached through the sidecar's listener that stands for it.
        const tcpPort = this.sidecar.tcpPorts?.get(`${name}.${namespace}:${port}`);
        links.push(
          tcpPort === undefined
            ? { name, host: name, port }
            : { name, host: '127.0.0.1', port: tcpPort },
        );
        continue;
      }
      try {
        const target = this.settings.resolveService?.(namespace, name, port);
        if (target && !(target instanceof Promise))
          links.push({ name, host: target.host, port: target.port });
      } catch {
        // No ready endpoint yet: the variable is left out, as for a Service created after the pod.
      }
    }
    return serviceLinkEnv(links);
  }
}
