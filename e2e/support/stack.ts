import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlaywrightTestConfig } from '@playwright/test';
import { freePort } from '../../test/support/free-port';
import { demoArgs, demoReadyLine, repositoryRoot, type DemoPorts } from './demo-command';
import { stackVariables } from './stack-env';

type WebServer = Extract<
  NonNullable<PlaywrightTestConfig['webServer']>,
  readonly unknown[]
>[number];

/** The variable that marks every process of the run's demo, for scripts/e2e.mjs's check after. */
export const demoRunMarker = 'AVIARY_E2E_DEMO_OF_RUN';

const chosenPorts = new Set<number>();

/**
 * Ports are picked once, by the Playwright runner, and handed down through the environment:
 * Playwright loads its config again in every worker process, and those must see the same URLs.
 */
async function portFromEnv(name: string): Promise<number> {
  const existing = Number(process.env[name]);
  if (Number.isInteger(existing) && existing > 0) return existing;
  let port = await freePort();
  // Six ports in a row: the kernel may hand one out twice, since each is released at once.
  while (chosenPorts.has(port)) port = await freePort();
  chosenPorts.add(port);
  process.env[name] = String(port);
  return port;
}

/**
 * A fresh data directory per run, made by the runner (the first process to load the config) and
 * removed when that process exits: after Playwright has stopped the demo, which global teardown
 * would not wait for (it runs before the web server's teardown).
 */
function dataDirFromEnv(): string {
  const existing = process.env[stackVariables.dataDir];
  if (existing) return existing;
  const dataDir = mkdtempSync(join(tmpdir(), 'aviary-e2e-'));
  process.env[stackVariables.dataDir] = dataDir;
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * What the end-to-end tests run against, owned here so that growing it is one change: the whole
 * demo stack (`aviary demo`: the sandbox with the seeded demo-project, the release controller and
 * the console's production build) on free ports of 127.0.0.1 with a fresh data directory. The
 * specs find its URLs and files through `e2eStack()` (stack-env.ts).
 *
 * Ready when the demo prints its ready line, which it does only once every service passed its
 * own readiness check (the console's /api/healthz among them); global setup (stack-ready.ts) then
 * waits for the seeded Bookinfo to answer through the gateway. Stopped with SIGINT, as Ctrl-C
 * stops a demo, so the run also exercises the ordered stop.
 */
export async function e2eStackConfig(): Promise<{ baseURL: string; webServers: WebServer[] }> {
  const ports: DemoPorts = {
    console: await portFromEnv('AVIARY_E2E_CONSOLE_PORT'),
    api: await portFromEnv('AVIARY_E2E_API_PORT'),
    gateway: await portFromEnv('AVIARY_E2E_GATEWAY_PORT'),
    jaeger: await portFromEnv('AVIARY_E2E_JAEGER_PORT'),
    otlp: await portFromEnv('AVIARY_E2E_OTLP_PORT'),
    metrics: await portFromEnv('AVIARY_E2E_METRICS_PORT'),
  };
  const dataDir = dataDirFromEnv();
  const base = 'http://127.0.0.1';
  const baseURL = `${base}:${ports.console}`;
  Object.assign(process.env, {
    [stackVariables.baseURL]: baseURL,
    [stackVariables.gatewayURL]: `${base}:${ports.gateway}`,
    [stackVariables.apiURL]: `https://127.0.0.1:${ports.api}`,
    [stackVariables.prometheusURL]: `${base}:${ports.metrics}`,
    [stackVariables.jaegerURL]: `${base}:${ports.jaeger}`,
  });
  const runId = process.env.AVIARY_E2E_RUN_ID;
  return {
    baseURL,
    webServers: [
      {
        name: 'demo',
        command: [process.execPath, ...demoArgs(dataDir, ports)].map(shellQuote).join(' '),
        cwd: repositoryRoot,
        wait: { stdout: demoReadyLine },
        env: {
          NEXT_TELEMETRY_DISABLED: '1',
          // A developer's own demo settings must not change what the tests run against.
          AVIARY_TRAFFIC: '',
          AVIARY_NO_DEMO: '',
          AVIARY_ALLOW_EXEC: '',
          AVIARY_REBUILD: '',
          ...(runId ? { [demoRunMarker]: runId } : {}),
        },
        // Never attach to a server someone else started: the ports are ours, freshly chosen.
        reuseExistingServer: false,
        timeout: 120_000,
        gracefulShutdown: { signal: 'SIGINT', timeout: 30_000 },
        stdout: 'ignore',
        stderr: 'pipe',
      },
    ],
  };
}
