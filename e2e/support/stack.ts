import { fileURLToPath } from 'node:url';
import type { PlaywrightTestConfig } from '@playwright/test';
import { freePort } from '../../test/support/free-port';

type WebServer = Extract<
  NonNullable<PlaywrightTestConfig['webServer']>,
  readonly unknown[]
>[number];

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Ports are picked once, by the Playwright runner, and handed down through the environment:
 * Playwright loads its config again in every worker process, and those must see the same URLs.
 */
async function portFromEnv(name: string): Promise<number> {
  const existing = Number(process.env[name]);
  if (Number.isInteger(existing) && existing > 0) return existing;
  const port = await freePort();
  process.env[name] = String(port);
  return port;
}

/**
 * What the end-to-end tests run against, owned here so that growing it is one change. Today: the
 * production build of the console alone (`next start`, built by `npm test`'s build layer). When
 * the sandbox lands, this becomes the whole demo stack (`aviary demo` on free ports with a fresh
 * data directory) and the specs do not change.
 */
export async function e2eStack(): Promise<{ baseURL: string; webServers: WebServer[] }> {
  const consolePort = await portFromEnv('AVIARY_E2E_CONSOLE_PORT');
  const baseURL = `http://127.0.0.1:${consolePort}`;
  return {
    baseURL,
    webServers: [
      {
        name: 'console',
        command: `"${process.execPath}" node_modules/next/dist/bin/next start --hostname 127.0.0.1 --port ${consolePort}`,
        cwd: root,
        url: `${baseURL}/api/healthz`,
        env: { NEXT_TELEMETRY_DISABLED: '1' },
        // Never attach to a server someone else started: the port is ours, freshly chosen.
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
    ],
  };
}
