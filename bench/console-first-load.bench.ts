/**
 * First-load JavaScript per page of the console's production build (goal: 200 KB gzip each): every
 * script a page loads until its load event, in headless Chromium against the whole demo stack
 * (`aviary demo --no-build`, serving `.next` with `next start`), each body gzip-compressed here
 * (next start may send it uncompressed) and summed; the ratio is to the 200 KB goal.
 *
 * Builds the console first when `.next` is missing or older than its sources (as `aviary demo`
 * decides). The demo runs on free ports of 127.0.0.1 with a temporary data dir, stopped (SIGINT,
 * then SIGKILL after 30 s) and removed at the end. Each page gets a fresh browser context (no
 * cache), signed in as the demo's `admin` through POST /api/auth/sign-in, except the sign-in page.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { ensureConsoleBuild } from '../bin/cli/console/console-build';
import { packageRoot } from '../bin/cli/console/console-paths';
import { freePort } from '../test/support/free-port';
import { compared, type BenchRow } from './support/bench-types';

const goalKb = 200;
const project = 'demo-project';
const pages: Array<{ path: string; signedIn: boolean }> = [
  { path: '/sign-in', signedIn: false },
  { path: '/projects', signedIn: true },
  { path: `/projects/${project}`, signedIn: true },
  { path: `/projects/${project}/members`, signedIn: true },
  { path: `/projects/${project}/grayscale`, signedIn: true },
  { path: `/projects/${project}/topology`, signedIn: true },
  { path: `/projects/${project}/tracing`, signedIn: true },
  { path: '/admin/users', signedIn: true },
];
const readyTimeoutMs = 180_000;
const pageTimeoutMs = 60_000;

interface Demo {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

async function startDemo(): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aviary-bench-first-load-'));
  const ports: number[] = [];
  while (ports.length < 6) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const [consolePort, api, gateway, jaeger, otlp, metrics] = ports.map(String);
  const child = spawn(
    process.execPath,
    [
      'bin/aviary.js',
      'demo',
      '--no-build',
      '--data-dir',
      dataDir,
      '--console-port',
      consolePort!,
      '--api-port',
      api!,
      '--gateway-port',
      gateway!,
      '--jaeger-port',
      jaeger!,
      '--otlp-port',
      otlp!,
      '--metrics-port',
      metrics!,
    ],
    {
      cwd: packageRoot,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', AVIARY_TRAFFIC: '', AVIARY_NO_DEMO: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
    rmSync(dataDir, { recursive: true, force: true });
  };
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the demo was not ready within ${readyTimeoutMs / 1000} s`)),
        readyTimeoutMs,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/^ready; press Ctrl-C to stop$/m.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the demo exited before it was ready: ${output.slice(-500)}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  child.stdout!.resume();
  child.stderr!.resume();
  return { url: `http://127.0.0.1:${consolePort}`, dataDir, stop };
}

/** The scripts `path` loads until its load event: URL and gzip size of each, and where it ended. */
async function firstLoadScripts(
  browser: Browser,
  demo: Demo,
  path: string,
  signedIn: boolean,
): Promise<{ finalPath: string; scripts: Map<string, { raw: number; gzip: number }> }> {
  const context = await browser.newContext();
  try {
    if (signedIn) {
      const credentials = JSON.parse(
        readFileSync(join(demo.dataDir, 'credentials.json'), 'utf8'),
      ) as { admin: string };
      const response = await context.request.post(`${demo.url}/api/auth/sign-in`, {
        data: { username: 'admin', password: credentials.admin },
        headers: { origin: demo.url },
      });
      if (response.status() !== 200)
        throw new Error(`sign-in: ${response.status()} ${await response.text()}`);
    }
    const page = await context.newPage();
    const scripts = new Map<string, { raw: number; gzip: number }>();
    const bodies: Array<Promise<void>> = [];
    let loaded = false;
    page.on('response', (response) => {
      if (loaded || response.request().resourceType() !== 'script') return;
      bodies.push(
        response.body().then(
          (body) =>
            void scripts.set(response.url(), { raw: body.length, gzip: gzipSync(body).length }),
          () => {},
        ),
      );
    });
    await page.goto(`${demo.url}${path}`, { waitUntil: 'load', timeout: pageTimeoutMs });
    loaded = true;
    await Promise.all(bodies);
    return { finalPath: new URL(page.url()).pathname, scripts };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<BenchRow[]> {
  await ensureConsoleBuild({ log: (line) => process.stderr.write(`  ${line}\n`) });
  const demo = await startDemo();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    const rows: BenchRow[] = [];
    for (const { path, signedIn } of pages) {
      const { finalPath, scripts } = await firstLoadScripts(browser, demo, path, signedIn);
      if (finalPath !== path) throw new Error(`${path} ended at ${finalPath}`);
      const largest = [...scripts].sort(([, a], [, b]) => b.gzip - a.gzip).slice(0, 3);
      process.stderr.write(
        `  ${path}: largest ${largest.map(([url, s]) => `${new URL(url).pathname} ${(s.gzip / 1024).toFixed(0)} KB`).join(', ')}\n`,
      );
      const gzip = [...scripts.values()].reduce((sum, s) => sum + s.gzip, 0);
      const raw = [...scripts.values()].reduce((sum, s) => sum + s.raw, 0);
      rows.push(
        compared({
          name: `first-load JS of ${path} (${scripts.size} scripts, ${(raw / 1024).toFixed(0)} KB raw) vs ${goalKb} KB goal`,
          metric: 'gzip',
          value: gzip / 1024,
          unit: 'KB',
          baseline: goalKb,
        }),
      );
    }
    return rows;
  } finally {
    await browser?.close();
    await demo.stop();
  }
}
