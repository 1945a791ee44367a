/**
 * The sandbox API server under load: creates with 16 concurrent keep-alive clients, lists as the
 * store grows from 100 to 10,000 VirtualServices, write-to-watch-event latency, and its RSS
 * holding 10,000 objects and after churn. The baseline, measured in the same run, is a bare
 * Node HTTPS server keeping objects in a Map (bench/support/bare-object-server.mjs): the cost
 * of Node and TLS alone, so the ratio is what the API server's semantics cost on top.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';
import { startSandboxProcess } from '../test/support/sandbox-process';
import { makeTempDir } from '../test/support/temp-dir';
import { compared, type BenchRow } from './support/bench-types';
import { percentile } from './support/stats';

const concurrency = 16;
const listSizes = [100, 1_000, 10_000];
const watchSamples = 300;

interface Target {
  url: string;
  token: string;
  ca: string;
  createPath: string;
  pid: number;
  stop(): Promise<void>;
}

function call(
  target: Target,
  agent: Agent,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, target.url),
      {
        method,
        agent,
        ca: target.ca,
        headers: {
          authorization: `Bearer ${target.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const virtualService = (i: number) =>
  JSON.stringify({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: `vs-${String(i).padStart(5, '0')}`, labels: { batch: String(i % 10) } },
    spec: {
      hosts: [`svc-${i}`],
      http: [
        {
          route: [
            { destination: { host: `svc-${i}`, subset: 'v1' }, weight: 90 },
            { destination: { host: `svc-${i}`, subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    },
  });

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

interface Measured {
  createLatencies: number[];
  createsPerSecond: number;
  listMs: Map<number, number>;
  watchLatencies: number[];
  rssHolding: number;
  rssAfterChurn: number;
}

async function measure(target: Target): Promise<Measured> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const createLatencies: number[] = [];
  const listMs = new Map<number, number>();
  let next = 0;
  let created = 0;
  const started = performance.now();
  let createTime = 0;
  // Create in stages so that list time can be measured at each size.
  for (const size of listSizes) {
    const stageStart = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < size) {
          const i = next++;
          const t = performance.now();
          const res = await call(target, agent, 'POST', target.createPath, virtualService(i));
          if (res.status !== 201)
            throw new Error(`create answered ${res.status}: ${res.body.slice(0, 200)}`);
          createLatencies.push(performance.now() - t);
          created += 1;
        }
      }),
    );
    createTime += performance.now() - stageStart;
    const lists: number[] = [];
    for (let r = 0; r < 5; r += 1) {
      const t = performance.now();
      const res = await call(target, agent, 'GET', target.createPath);
      lists.push(performance.now() - t);
      if (r === 0 && (JSON.parse(res.body) as { items: unknown[] }).items.length !== size)
        throw new Error('list size mismatch');
    }
    listMs.set(size, percentile(lists, 50));
  }
  void started;
  const rssHolding = rssMb(target.pid);

  // Write-to-watch-event latency: one watcher, sequential writes, time from send to event.
  const watchLatencies: number[] = [];
  const pending = new Map<string, number>();
  const watchReq = request(
    new URL(
      `${target.createPath}?watch=true&resourceVersion=0`.replace(
        'resourceVersion=0',
        'allowWatchBookmarks=false',
      ),
      target.url,
    ),
    {
      agent: new Agent({ keepAlive: false }),
      ca: target.ca,
      headers: { authorization: `Bearer ${target.token}` },
    },
  );
  const ready = new Promise<void>((resolve) => {
    watchReq.on('response', (res) => {
      let buffer = '';
      resolve();
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (!line.trim()) continue;
          const name = (JSON.parse(line) as { object: { metadata: { name: string } } }).object
            .metadata.name;
          const sent = pending.get(name);
          if (sent !== undefined) {
            watchLatencies.push(performance.now() - sent);
            pending.delete(name);
          }
        }
      });
    });
  });
  watchReq.end();
  await ready;
  // Let the initial ADDED burst (10,000 objects) drain before timing.
  await new Promise((r) => setTimeout(r, 2_000));
  for (let i = 0; i < watchSamples; i += 1) {
    const name = `watched-${i}`;
    pending.set(`vs-w${String(i).padStart(4, '0')}`, performance.now());
    const body = virtualService(100_000 + i).replace(
      /"vs-\d+"/,
      `"vs-w${String(i).padStart(4, '0')}"`,
    );
    await call(target, agent, 'POST', target.createPath, body);
    void name;
  }
  const deadline = Date.now() + 5_000;
  while (pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  watchReq.destroy();

  // Churn: replace 2,000 objects' content through create of new names and check RSS stays flat.
  for (let round = 0; round < 2; round += 1) {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        for (let i = worker; i < 1_000; i += concurrency) {
          await call(
            target,
            agent,
            'POST',
            target.createPath,
            virtualService(200_000 + round * 1_000 + i),
          );
        }
      }),
    );
  }
  const rssAfterChurn = rssMb(target.pid);
  agent.destroy();
  return {
    createLatencies,
    createsPerSecond: (created / createTime) * 1000,
    listMs,
    watchLatencies,
    rssHolding,
    rssAfterChurn,
  };
}

async function startSandbox(dir: string): Promise<Target> {
  const sandbox = await startSandboxProcess(dir);
  const agent = new Agent({ keepAlive: false });
  const target: Target = {
    url: sandbox.url,
    token: sandbox.token,
    ca: sandbox.caCertPem,
    createPath: '/apis/networking.istio.io/v1/namespaces/bench/virtualservices',
    pid: sandbox.child.pid!,
    stop: async () => {
      sandbox.child.kill('SIGTERM');
      await sandbox.exited;
    },
  };
  await call(
    target,
    agent,
    'POST',
    '/api/v1/namespaces',
    JSON.stringify({ metadata: { name: 'bench' } }),
  );
  return target;
}

async function startBare(dir: string, ca: string): Promise<Target> {
  const certFile = join(dir, 'pki', 'apiserver.crt');
  const keyFile = join(dir, 'pki', 'apiserver.key');
  const child = spawn(
    process.execPath,
    [new URL('./support/bare-object-server.mjs', import.meta.url).pathname, certFile, keyFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) => {
    child.stdout!.on('data', (c: Buffer) => {
      const m = /READY (\d+)/.exec(c.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  return {
    url: `https://127.0.0.1:${port}`,
    token: 'unused',
    ca,
    createPath: '/bench',
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export async function run(): Promise<BenchRow[]> {
  const dir = makeTempDir('bench-apiserver');
  try {
    const sandbox = await startSandbox(dir.path);
    const s = await measure(sandbox).finally(() => sandbox.stop());
    writeFileSync(join(dir.path, 'done'), '');
    const bare = await startBare(dir.path, sandbox.ca);
    const b = await measure(bare).finally(() => bare.stop());
    const rows: BenchRow[] = [
      compared({
        name: 'create, 16 clients',
        metric: 'throughput',
        value: s.createsPerSecond,
        baseline: b.createsPerSecond,
        unit: 'obj/s',
      }),
      compared({
        name: 'create, 16 clients',
        metric: 'p50',
        value: percentile(s.createLatencies, 50),
        baseline: percentile(b.createLatencies, 50),
        unit: 'ms',
      }),
      compared({
        name: 'create, 16 clients',
        metric: 'p99',
        value: percentile(s.createLatencies, 99),
        baseline: percentile(b.createLatencies, 99),
        unit: 'ms',
      }),
      ...listSizes.map((size) =>
        compared({
          name: `list ${size} VirtualServices`,
          metric: 'p50',
          value: s.listMs.get(size)!,
          baseline: b.listMs.get(size)!,
          unit: 'ms',
        }),
      ),
      compared({
        name: 'list growth 100 -> 10,000',
        metric: 'x',
        value: s.listMs.get(10_000)! / s.listMs.get(100)!,
        baseline: b.listMs.get(10_000)! / b.listMs.get(100)!,
        unit: 'x',
      }),
      compared({
        name: 'write -> watch event',
        metric: 'p50',
        value: percentile(s.watchLatencies, 50),
        baseline: percentile(b.watchLatencies, 50),
        unit: 'ms',
      }),
      compared({
        name: 'write -> watch event',
        metric: 'p99',
        value: percentile(s.watchLatencies, 99),
        baseline: percentile(b.watchLatencies, 99),
        unit: 'ms',
      }),
      compared({
        name: 'RSS holding 10,000 objects',
        metric: 'rss',
        value: s.rssHolding,
        baseline: b.rssHolding,
        unit: 'MB',
      }),
      compared({
        name: 'RSS after 2,000 more writes',
        metric: 'rss',
        value: s.rssAfterChurn,
        baseline: s.rssHolding,
        unit: 'MB',
      }),
    ];
    return rows;
  } finally {
    dir.remove();
  }
}
