import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@/test/support/wait-for';
import { LoopbackPodNetwork } from '../contracts/pod-network';
import type { SidecarInjector } from '../contracts/sidecar';
import type { PodStartContext, RuntimePodStatus } from '../controllers/pod-runtime';
import type { Pod } from '../controllers/workload-types';
import { LocalPodRuntime } from './local-pod-runtime';

/** Plays a sidecar's outbound proxy: records what the app sent and answers as details would. */
async function fakeOutboundProxy(seen: IncomingHttpHeaders[]): Promise<Server> {
  const server = createServer((req, res) => {
    seen.push({ ...req.headers, ':path': req.url });
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ type: 'paperback', publisher: 'ViaSidecar' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function podOf(name: string, container: Record<string, unknown>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'demo', uid: `uid-${name}` },
    spec: { containers: [{ name: 'app', ports: [{ containerPort: 9080 }], ...container }] },
  };
}

function contextFor(pod: Pod, reports: RuntimePodStatus[]): PodStartContext {
  return {
    podKey: `demo/${pod.metadata.name}`,
    podIP: '10.244.1.5',
    hostIP: '172.18.0.2',
    nodeName: 'node',
    onStatusChange: (_key, status) => reports.push(status),
  };
}

describe('LocalPodRuntime with a sidecar', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function sidecarTo(outboundPort: number, attached: number[]): SidecarInjector {
    return {
      shouldInject: () => true,
      attach: async (_pod, appPort) => {
        attached.push(appPort);
        // The inbound side is the app itself here: this test is about the runtime's wiring.
        return { inboundPort: appPort, outboundPort, detach: async () => void attached.push(-1) };
      },
    };
  }

  it('registers the sidecar inbound port and sends outbound calls through the sidecar with the service as Host', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const proxy = await fakeOutboundProxy(seen);
    cleanups.push(() => new Promise((resolve) => proxy.close(() => resolve())));
    const attached: number[] = [];
    const network = new LoopbackPodNetwork();
    const runtime = new LocalPodRuntime({
      network,
      sidecars: sidecarTo((proxy.address() as AddressInfo).port, attached),
      probePeriodMs: 50,
    });
    const pod = podOf('productpage-x', { image: 'istio/examples-bookinfo-productpage-v1:1.20.3' });
    const reports: RuntimePodStatus[] = [];
    const first = await runtime.start(pod, contextFor(pod, reports));
    cleanups.push(() => runtime.stop(pod));
    expect(first.containers[0]).toMatchObject({
      name: 'app',
      ready: false,
      restartCount: 0,
      state: { running: {} },
    });
    expect(attached).toHaveLength(1);
    expect(network.resolve('10.244.1.5', 9080)).toBe(attached[0]);
    await waitFor(() => reports.some((r) => r.containers[0]?.ready), { what: 'ready report' });

    const res = await fetch(
      `http://127.0.0.1:${network.resolve('10.244.1.5', 9080)}/api/v1/products/0`,
      { headers: { 'x-request-id': 'abc' } },
    );
    expect(await res.json()).toEqual({ type: 'paperback', publisher: 'ViaSidecar' });
    expect(seen[0]).toMatchObject({
      host: 'details:9080',
      ':path': '/details/0',
      'x-request-id': 'abc',
    });
    await runtime.stop(pod);
    expect(attached.at(-1)).toBe(-1);
    expect(network.resolve('10.244.1.5', 9080)).toBeUndefined();
  });

  it('with allowExec runs a command as a local process, proxied through its sidecar, logging its output', async () => {
    const attached: number[] = [];
    const network = new LoopbackPodNetwork();
    const runtime = new LocalPodRuntime({
      network,
      allowExec: true,
      sidecars: sidecarTo(4321, attached),
      probePeriodMs: 50,
    });
    const script = `
      const http = require('node:http');
      console.log('hello from ' + process.env.POD_NAME);
      http.createServer((req, res) => res.end(JSON.stringify({ proxy: process.env.HTTP_PROXY, port: process.env.PORT, home: process.env.HOME ?? null }))).listen(Number(process.env.PORT), '127.0.0.1');`;
    const pod = podOf('tool-x', {
      image: 'example.com/any:1',
      command: [process.execPath, '-e', script],
      env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      readinessProbe: { tcpSocket: { port: 9080 } },
    });
    const reports: RuntimePodStatus[] = [];
    await runtime.start(pod, contextFor(pod, reports));
    cleanups.push(() => runtime.stop(pod));
    await waitFor(() => reports.some((r) => r.containers[0]?.ready), {
      what: 'the process to listen',
    });
    const port = network.resolve('10.244.1.5', 9080)!;
    const body = (await (await fetch(`http://127.0.0.1:${port}/`)).json()) as {
      proxy: string;
      port: string;
      home: string | null;
    };
    expect(body).toEqual({ proxy: 'http://127.0.0.1:4321', port: String(port), home: null });
    await waitFor(() => runtime.logs.read('demo', 'tool-x', {})?.includes('hello from tool-x'), {
      what: 'stdout in the log',
    });
    await runtime.stop(pod);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('without allowExec, a command with an unknown image waits in ErrImagePull', async () => {
    const runtime = new LocalPodRuntime({
      network: new LoopbackPodNetwork(),
      imagePullBackOffMs: 30,
    });
    const pod = podOf('tool-y', { image: 'example.com/any:1', command: ['/bin/true'] });
    const reports: RuntimePodStatus[] = [];
    const first = await runtime.start(pod, contextFor(pod, reports));
    cleanups.push(() => runtime.stop(pod));
    expect(first.containers[0]?.state).toMatchObject({ waiting: { reason: 'ErrImagePull' } });
    await waitFor(() => reports.some((r) => JSON.stringify(r).includes('ImagePullBackOff')), {
      what: 'back-off',
    });
  });
});
