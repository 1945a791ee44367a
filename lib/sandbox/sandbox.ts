import { mkdirSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { startSandboxCluster, type SandboxCluster } from './cluster/sandbox-cluster';
import { sidecarInjectionAdmission } from './mesh/injection-admission';
import { LoopbackPodNetwork } from './contracts/pod-network';
import type { SidecarInjector } from './contracts/sidecar';
import { startWorkloadControllers, type WorkloadControllers } from './controllers';
import { seedDemoProject } from './demo/demo-seed';
import { startMesh, type Mesh } from './mesh';
import { createMetricsHandler, startSampling } from './telemetry/http/metrics-handler';
import { createRegistry } from './telemetry/metrics/registry';
import { SampleStore } from './telemetry/metrics/sample-store';
import { createJaegerQueryHandler, createOtlpHandler, openTraceStore } from './tracing';
import { LocalPodRuntime } from './workloads/local-pod-runtime';
import type { KubeObject } from './apiserver/types';
import { releaseJobCrd } from '@/lib/domain/release';

/** Ports of the sandbox's endpoints on 127.0.0.1; 0 picks a free one. */
export interface SandboxPorts {
  api: number;
  gateway: number;
  jaeger: number;
  otlp: number;
  metrics: number;
}

export const defaultSandboxPorts: SandboxPorts = {
  api: 6443,
  gateway: 9080,
  jaeger: 16686,
  otlp: 4318,
  metrics: 15090,
};

export interface SandboxOptions {
  dataDir: string;
  ports: SandboxPorts;
  /** Runs containers that have a `command` as local processes: for trusted manifests only. */
  allowExec?: boolean;
  seedDemo?: boolean;
  /** Path prefix of the Jaeger query API (e.g. "/jaeger"), as a Jaeger behind a proxy serves it. */
  jaegerBasePath?: string;
  /** CRDs installed at first start besides Istio's and Application (Aviary's ReleaseJob). */
  extraCrds?: KubeObject[];
  /** Math.random in production; a seeded source in tests. */
  random?: () => number;
}

export interface Sandbox {
  cluster: SandboxCluster;
  mesh: Mesh;
  urls: {
    api: string;
    gateway: string;
    jaeger: string;
    otlp: string;
    metrics: string;
    kubeconfig: string;
  };
  stop(): Promise<void>;
}

async function listen(handler: RequestListener, port: number): Promise<Server> {
  const server = createServer({ keepAliveTimeout: 65_000 }, handler);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  return server;
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

async function close(server: Server): Promise<void> {
  await new Promise<void>((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });
}

/**
 * The whole sandbox in this process: the Kubernetes API server and its controllers, pods that
 * really run (Bookinfo in-process), the Istio data plane (sidecars and the ingress gateway), a
 * Prometheus-compatible metrics endpoint and a Jaeger-compatible trace backend.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const network = new LoopbackPodNetwork();
  const traces = openTraceStore(join(dataDir, 'traces.db'));
  const registry = createRegistry();
  const samples = new SampleStore();
  let mesh: Mesh | undefined;
  // Pods start only after the mesh exists (controllers start last), so this never sees it unset.
  const injector: SidecarInjector = {
    shouldInject: (pod, namespace) => mesh!.injector.shouldInject(pod, namespace),
    attach: (pod, appPort) => mesh!.injector.attach(pod, appPort),
  };
  let cluster: SandboxCluster | undefined;
  const runtime = new LocalPodRuntime({
    network,
    cluster: () => cluster!.client,
    sidecars: injector,
    spans: traces,
    allowExec: options.allowExec ?? false,
    random: options.random,
  });
  const servers: Server[] = [];
  let controllers: WorkloadControllers | undefined;
  let stopSampling = () => {};
  const stop = async () => {
    await controllers?.stop();
    await mesh?.stop();
    stopSampling();
    await Promise.all(servers.map(close));
    traces.close();
    await cluster?.stop();
  };
  try {
    cluster = await startSandboxCluster({
      dataDir,
      apiPort: options.ports.api,
      controllers: false,
      logs: runtime.logs,
      // Aviary's own ReleaseJob CRD is installed like Istio's: a fresh sandbox is ready for release jobs.
      extraCrds: [releaseJobCrd() as unknown as KubeObject, ...(options.extraCrds ?? [])],
    });
    // Istio's injector webhook marks the pods it injects, before they are stored.
    cluster.hooks.addAdmissionCheck(sidecarInjectionAdmission(cluster.client));
    mesh = await startMesh({
      client: cluster.client,
      podNetwork: network,
      registry,
      spanSink: traces,
      gatewayPort: options.ports.gateway,
      random: options.random,
    });
    const metricsServer = await listen(
      createMetricsHandler(registry, samples),
      options.ports.metrics,
    );
    servers.push(metricsServer);
    stopSampling = startSampling(registry, samples);
    // Age retention runs when spans arrive; this keeps an idle sandbox's trace store bounded too.
    const pruneTraces = setInterval(() => traces.prune(), 60_000);
    pruneTraces.unref();
    const stopTelemetry = stopSampling;
    stopSampling = () => {
      stopTelemetry();
      clearInterval(pruneTraces);
    };
    const jaegerServer = await listen(
      createJaegerQueryHandler(traces, { basePath: options.jaegerBasePath }),
      options.ports.jaeger,
    );
    servers.push(jaegerServer);
    const otlpServer = await listen(createOtlpHandler(traces), options.ports.otlp);
    servers.push(otlpServer);
    if (options.seedDemo) seedDemoProject(cluster.client);
    controllers = startWorkloadControllers(cluster.client, runtime);
    const base = 'http://127.0.0.1';
    return {
      cluster,
      mesh,
      urls: {
        api: cluster.url,
        kubeconfig: cluster.kubeconfigPath,
        gateway: `${base}:${mesh.gatewayPort}`,
        jaeger: `${base}:${portOf(jaegerServer)}${options.jaegerBasePath ?? ''}`,
        otlp: `${base}:${portOf(otlpServer)}`,
        metrics: `${base}:${portOf(metricsServer)}`,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
