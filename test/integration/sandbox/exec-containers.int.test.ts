import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '@/lib/sandbox/apiserver/cluster-client';
import type { KubeObject } from '@/lib/sandbox/apiserver/types';
import { listeningPortCondition } from '@/lib/sandbox/controllers/pod-runtime';
import type { Pod } from '@/lib/sandbox/controllers/workload-types';
import { demoNamespace } from '@/lib/sandbox/demo/demo-seed';
import { istioResources } from '@/lib/sandbox/mesh/mesh-config';
import { startBookinfoSandbox, type BookinfoSandbox } from '@/test/support/bookinfo-sandbox';
import { freePort } from '@/test/support/free-port';
import { makeTempDir } from '@/test/support/temp-dir';
import { waitFor } from '@/test/support/wait-for';

/**
 * Bookinfo's details service as a local process (`--allow-exec`), written the way its upstream
 * manifests are: the port comes from the command line. With "$(PORT)" in its args the kubelet's
 * expansion hands it the sandbox's loopback port, and productpage shows what it answers; with a
 * literal port it binds its containerPort, and the pod says so before its readiness gives up.
 */
const detailsScript = `
const http = require('node:http');
const path = require('node:path');
const port = Number(process.argv[1]);
http.createServer((req, res) => {
  if (req.url === '/health') return res.end('{"status":"Details is healthy"}');
  const publisher = 'exec in ' + path.basename(process.cwd()) + ' as ' + process.env.POD_NAME;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 0, author: 'William Shakespeare', year: 1595, type: 'paperback',
    pages: 200, publisher, language: 'English', 'ISBN-10': '1234567890', 'ISBN-13': '123-1234567890' }));
}).listen(port, '127.0.0.1');`;

describe('exec containers in the sandbox', () => {
  let bookinfo: BookinfoSandbox;
  const workDir = makeTempDir('exec-workdir');

  beforeAll(async () => {
    bookinfo = await startBookinfoSandbox(13, { allowExec: true });
  });
  afterAll(async () => {
    await bookinfo?.dispose();
    workDir.remove();
  });

  const podsOf = (app: string) =>
    bookinfo.client
      .list(resources.pods, { namespace: demoNamespace, labelSelector: `app=${app}` })
      .items.filter((pod) => !pod.metadata.deletionTimestamp) as Pod[];
  const conditionOf = (pod: Pod | undefined, type: string) =>
    pod?.status?.conditions?.find((condition) => condition.type === type);

  it('with "$(PORT)" in its args an exec container is Ready and serves productpage through the mesh', async () => {
    const deployment = bookinfo.client.get(resources.deployments, demoNamespace, 'details-v1')!;
    const spec = deployment.spec as {
      template: { spec: { containers: Array<Record<string, unknown>> } };
    };
    const [container] = spec.template.spec.containers;
    bookinfo.client.update(resources.deployments, {
      ...deployment,
      spec: {
        ...spec,
        template: {
          ...spec.template,
          spec: {
            ...spec.template.spec,
            containers: [
              {
                ...container,
                command: [process.execPath, '-e', detailsScript],
                args: ['$(PORT)'],
                workingDir: workDir.path,
                env: [
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                ],
              },
            ],
          },
        },
      },
    } as KubeObject);
    const page = await waitFor(
      async () => {
        const answer = await bookinfo.page();
        return answer.body.includes('exec in ') && answer;
      },
      { timeoutMs: 30_000, what: 'productpage showing the exec details' },
    );
    const [pod] = podsOf('details');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`exec in ${basename(workDir.path)} as ${pod!.metadata.name}`);
    expect(conditionOf(pod, 'Ready')?.status).toBe('True');
    expect(conditionOf(pod, listeningPortCondition)).toBeUndefined();
    expect(bookinfo.endpointPods('details')).toEqual([pod!.metadata.name]);
  });

  it('with a literal port in its args it is reported, with the reason, within its readiness window', async () => {
    const port = await freePort();
    const readiness = { periodSeconds: 2, failureThreshold: 3 };
    bookinfo.client.create(resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'details-literal',
        namespace: demoNamespace,
        labels: { app: 'details-literal' },
      },
      spec: {
        containers: [
          {
            name: 'details',
            image: 'registry.istio.io/release/examples-bookinfo-details-v1:1.20.3',
            command: [process.execPath, '-e', detailsScript, String(port)],
            ports: [{ containerPort: port }],
            readinessProbe: { tcpSocket: { port }, ...readiness },
          },
        ],
      },
    });
    const running = await waitFor(
      () => {
        const [pod] = podsOf('details-literal');
        return pod?.status?.containerStatuses?.[0]?.state &&
          'running' in pod.status.containerStatuses[0].state
          ? Date.now()
          : undefined;
      },
      { timeoutMs: 20_000, what: 'details-literal running' },
    );
    const windowMs = readiness.periodSeconds * readiness.failureThreshold * 1000;
    const reported = await waitFor(
      () => conditionOf(podsOf('details-literal')[0], listeningPortCondition),
      {
        timeoutMs: windowMs,
        what: 'the listening-port condition',
      },
    );
    const [pod] = podsOf('details-literal');
    expect(Date.now() - running).toBeLessThan(windowMs);
    const message = `container details listens on its containerPort ${port}, where nothing reaches it; in the sandbox a local process must listen on 127.0.0.1:$PORT`;
    expect(reported).toMatchObject({ status: 'False', reason: 'ListeningOnContainerPort' });
    expect(reported.message).toContain(message);
    expect(conditionOf(pod, 'Ready')?.status).toBe('False');
    const event = await waitFor(() =>
      bookinfo.client
        .list(resources.events, { namespace: demoNamespace })
        .items.find(
          (item) =>
            (item as { involvedObject?: { name?: string } }).involvedObject?.name ===
              'details-literal' &&
            (item as { reason?: string }).reason === 'ListeningOnContainerPort',
        ),
    );
    expect(event).toMatchObject({ type: 'Warning', source: { component: 'kubelet' } });
    expect((event as { message?: string }).message).toContain(message);
  });

  it('a TCP client reaches a TCP service through its sidecar by the service variables, split by the tcp route', async () => {
    const echo = (version: string) => `
      require('node:net').createServer((socket) => {
        socket.on('data', (chunk) => socket.end('${version} ' + chunk));
      }).listen(Number(process.argv[1]), '127.0.0.1');`;
    bookinfo.client.create(resources.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'tcp-echo', namespace: demoNamespace },
      spec: {
        selector: { app: 'tcp-echo' },
        ports: [{ name: 'tcp', port: 9000, targetPort: 9000 }],
      },
    });
    for (const version of ['v1', 'v2']) {
      bookinfo.client.create(resources.deployments, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `tcp-echo-${version}`, namespace: demoNamespace },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'tcp-echo', version } },
          template: {
            metadata: { labels: { app: 'tcp-echo', version } },
            spec: {
              containers: [
                {
                  name: 'tcp-echo',
                  image: 'docker.io/istio/tcp-echo-server:1.3',
                  command: [process.execPath, '-e', echo(version)],
                  args: ['$(PORT)'],
                  ports: [{ containerPort: 9000 }],
                },
              ],
            },
          },
        },
      });
    }
    await waitFor(() => bookinfo.endpointPods('tcp-echo').length === 2, {
      timeoutMs: 20_000,
      what: 'both tcp-echo versions in the Endpoints',
    });
    bookinfo.apply(istioResources.destinationRules, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'tcp-echo' },
      spec: {
        host: 'tcp-echo',
        subsets: ['v1', 'v2'].map((version) => ({ name: version, labels: { version } })),
      },
    });
    bookinfo.apply(istioResources.virtualServices, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'tcp-echo' },
      spec: {
        hosts: ['tcp-echo'],
        tcp: [{ route: [{ destination: { host: 'tcp-echo', subset: 'v2' }, weight: 100 }] }],
      },
    });
    await waitFor(
      () =>
        bookinfo.sandbox.mesh.config
          .snapshot()
          .routing.virtualServices.some((vs) => vs.metadata.name === 'tcp-echo'),
      { what: 'the tcp-echo routes in the mesh' },
    );
    // The client connects 20 times, one after the other, to where its service variables say.
    const client = `
      const net = require('node:net');
      const once = (left) => {
        if (left === 0) return setInterval(() => {}, 1000);
        const socket = net.connect(Number(process.env.TCP_ECHO_SERVICE_PORT), process.env.TCP_ECHO_SERVICE_HOST);
        socket.on('data', (reply) => console.log('reply ' + reply));
        socket.on('close', () => once(left - 1));
        socket.on('error', (error) => console.log('error ' + error.message));
        socket.write('hello');
      };
      once(20);`;
    bookinfo.client.create(resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'tcp-client', namespace: demoNamespace, labels: { app: 'tcp-client' } },
      spec: {
        containers: [
          {
            name: 'client',
            image: 'docker.io/library/node:20',
            command: [process.execPath, '-e', client],
          },
        ],
      },
    });
    const opened = async (reporter: string, version: string) => {
      const text = await (await fetch(`${bookinfo.sandbox.urls.metrics}/metrics`)).text();
      return text
        .split('\n')
        .filter(
          (line) =>
            line.startsWith('istio_tcp_connections_opened_total{') &&
            line.includes(`reporter="${reporter}"`) &&
            line.includes('source_workload="tcp-client"') &&
            line.includes(`destination_version="${version}"`),
        )
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    };
    await waitFor(async () => (await opened('destination', 'v2')) === 20, {
      timeoutMs: 20_000,
      what: "20 connections from tcp-client at tcp-echo v2's sidecar",
    });
    expect(await opened('source', 'v2')).toBe(20);
    expect(await opened('source', 'v1')).toBe(0);
  });
});
