/**
 * The console's cold start and `GET /api/healthz` latency, against a bare Node `http` server that
 * answers the same JSON, measured in the same run. Both servers are separate processes on free
 * ports of 127.0.0.1 and are stopped at the end; request counts and waits are bounded.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ensureConsoleBuild } from '../bin/cli/console/console-build';
import { consoleServerArgs, packageRoot } from '../bin/cli/console/console-paths';
import { startChild, type ChildProcess } from '../bin/cli/process/child-process';
import { waitForHttp } from '../bin/cli/process/wait-for-http';
import { freePort } from '../test/support/free-port';
import { compared, type BenchRow } from './support/bench-types';
import { runLoad } from './support/http-load';
import { median, percentile } from './support/stats';

const coldStarts = 3;
const warmupRequests = 200;
/** Per server and mode, split into blocks that alternate between the servers, so drift in the
 * machine's load hits both alike. */
const requestsPerMode = 2_000;
const blocks = 4;
const concurrency = 16;

interface Server {
  name: string;
  start(port: number): ChildProcess;
}

const consoleServer: Server = {
  name: 'console',
  start: (port) =>
    startChild({
      name: 'console',
      command: process.execPath,
      args: consoleServerArgs(port),
      cwd: packageRoot,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        AVIARY_SESSION_SECRET: randomBytes(32).toString('hex'),
      },
      output: 'ignore',
    }),
};

const bareServer: Server = {
  name: 'bare node:http',
  start: (port) =>
    startChild({
      name: 'bare',
      command: process.execPath,
      args: [fileURLToPath(new URL('./support/bare-healthz-server.mjs', import.meta.url))],
      env: { ...process.env, PORT: String(port) },
      output: 'ignore',
    }),
};

/** Starts `server` on a free port; resolves once /api/healthz answers, with how long that took. */
async function coldStart(
  server: Server,
): Promise<{ child: ChildProcess; url: string; ms: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/api/healthz`;
  const child = server.start(port);
  try {
    const ms = await waitForHttp(url, {
      name: server.name,
      timeoutMs: 60_000,
      intervalMs: 5,
      exited: child.exited,
    });
    return { child, url, ms };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** Median cold start over a few starts; the last server started is left running for the load runs. */
async function measureColdStart(server: Server) {
  const times: number[] = [];
  for (let i = 0; i < coldStarts; i += 1) {
    const started = await coldStart(server);
    times.push(started.ms);
    if (i < coldStarts - 1) await started.child.stop();
    else return { ...started, median: median(times) };
  }
  throw new Error('unreachable');
}

async function alternatingLoad(urls: { console: string; bare: string }, modeConcurrency: number) {
  const latencies = { console: [] as number[], bare: [] as number[] };
  const throughput = { console: [] as number[], bare: [] as number[] };
  for (let block = 0; block < blocks; block += 1) {
    for (const which of ['console', 'bare'] as const) {
      const result = await runLoad(urls[which], {
        count: requestsPerMode / blocks,
        concurrency: modeConcurrency,
      });
      latencies[which].push(...result.latencies);
      throughput[which].push(result.throughput);
    }
  }
  return {
    latencies,
    throughput: { console: median(throughput.console), bare: median(throughput.bare) },
  };
}

export async function run(): Promise<BenchRow[]> {
  await ensureConsoleBuild();
  const running: ChildProcess[] = [];
  try {
    const consoleStart = await measureColdStart(consoleServer);
    running.push(consoleStart.child);
    const bareStart = await measureColdStart(bareServer);
    running.push(bareStart.child);
    const urls = { console: consoleStart.url, bare: bareStart.url };

    await runLoad(urls.console, { count: warmupRequests, concurrency });
    await runLoad(urls.bare, { count: warmupRequests, concurrency });

    const rows: BenchRow[] = [
      compared({
        name: 'cold start until /api/healthz answers',
        metric: `median of ${coldStarts}`,
        value: consoleStart.median,
        unit: 'ms',
        baseline: bareStart.median,
      }),
    ];
    for (const [mode, modeConcurrency] of [
      ['sequential', 1],
      [`${concurrency} concurrent`, concurrency],
    ] as const) {
      const { latencies, throughput } = await alternatingLoad(urls, modeConcurrency);
      const name = `GET /api/healthz, ${mode}, keep-alive`;
      for (const p of [50, 99]) {
        rows.push(
          compared({
            name,
            metric: `p${p}`,
            value: percentile(latencies.console, p),
            unit: 'ms',
            baseline: percentile(latencies.bare, p),
          }),
        );
      }
      rows.push(
        compared({
          name,
          metric: 'throughput',
          value: throughput.console,
          unit: 'req/s',
          baseline: throughput.bare,
        }),
      );
    }
    return rows;
  } finally {
    await Promise.all(running.map((child) => child.stop()));
  }
}
