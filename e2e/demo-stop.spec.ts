/**
 * The real `aviary demo`, with the real `next start` of the production build, killed the hardest
 * way: SIGKILL to the launcher alone, which runs no code of ours. Its console must notice and
 * end, and every port must be free again. test/integration/cli/demo-stop.int.test.ts covers
 * SIGINT, SIGTERM to the group and SIGTERM-then-SIGKILL with a stand-in for next start, because
 * the integration layer runs before the build; this spec is the same check with the real console,
 * here because the e2e layer always has the build (so it runs on every CI run rather than being
 * skipped when none exists). The ordered stop on SIGINT is checked on every run too: Playwright
 * stops the main stack that way and scripts/e2e.mjs fails if any of its processes outlive it.
 *
 * Then the same data directory starts again, as a person restarts the demo after a crash: the
 * console gets the same session secret, so a session from before the kill still works.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { isPortAvailable } from '../bin/cli/process/port-available';
import { freePort } from '../test/support/free-port';
import { processesMarked, type MarkedProcess } from '../test/support/marked-processes';
import { makeTempDir } from '../test/support/temp-dir';
import { waitFor } from '../test/support/wait-for';
import { demoCredentialsSchema } from './support/credentials';
import { demoArgs, demoReadyLine, repositoryRoot, type DemoPorts } from './support/demo-command';

const marker = 'AVIARY_E2E_STOP_CHECK';

interface RunningDemo {
  launcher: ChildProcessByStdio<null, Readable, Readable>;
  mark: string;
  output: () => string;
  /** The console's next-server. */
  consoleServer: MarkedProcess;
}

/** Starts `aviary demo` as a terminal would (its own process group), marked, until ready. */
async function startDemo(dataDir: string, ports: DemoPorts): Promise<RunningDemo> {
  const mark = randomUUID();
  const launcher = spawn(process.execPath, demoArgs(dataDir, ports), {
    cwd: repositoryRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', AVIARY_TRAFFIC: '', [marker]: mark },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(() => demoReadyLine.test(output) || launcher.exitCode !== null, {
    timeoutMs: 120_000,
    intervalMs: 100,
    what: 'the demo to be ready',
  }).catch((error: Error) => {
    throw new Error(`${error.message}; its output:\n${output}`);
  });
  expect(launcher.exitCode, output).toBeNull();
  const running = processesMarked(marker, mark);
  expect(running.some((p) => p.command.includes('orphan-guard.js'))).toBe(true);
  const consoleServer = running.find((p) => p.command.startsWith('next-server'));
  expect(consoleServer, running.map((p) => p.command).join('\n')).toBeDefined();
  return { launcher, mark, output: () => output, consoleServer: consoleServer! };
}

function killAll(demo: RunningDemo | undefined): void {
  for (const { pid } of demo ? processesMarked(marker, demo.mark) : []) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

test('the demo killed with SIGKILL leaves no process and no port behind, and restarts with its sessions', async () => {
  // Two demos of its own (start-up under load takes up to half a minute each), beside the main stack.
  test.setTimeout(240_000);
  const dataDir = makeTempDir('e2e-demo-stop');
  const chosen: number[] = [];
  while (chosen.length < 6) {
    const port = await freePort();
    if (!chosen.includes(port)) chosen.push(port);
  }
  const [consolePort, api, gateway, jaeger, otlp, metrics] = chosen as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ports: DemoPorts = { console: consolePort, api, gateway, jaeger, otlp, metrics };
  const consoleURL = `http://127.0.0.1:${consolePort}`;
  const heldPorts = async () => {
    const held: number[] = [];
    for (const port of chosen) if (!(await isPortAvailable(port))) held.push(port);
    return held;
  };
  const consoleApi = await playwrightRequest.newContext({ baseURL: consoleURL });
  let first: RunningDemo | undefined;
  let second: RunningDemo | undefined;

  try {
    first = await startDemo(dataDir.path, ports);
    expect(await heldPorts()).toEqual(chosen);

    const secret =
      await test.step("the console runs with the data directory's session secret", () => {
        const file = join(dataDir.path, 'session-secret');
        expect(statSync(file).mode & 0o777).toBe(0o600);
        const value = readFileSync(file, 'utf8').trim();
        expect(value).toMatch(/^[0-9a-f]{64}$/);
        const environment = readFileSync(`/proc/${first!.consoleServer.pid}/environ`, 'latin1');
        expect(environment.split('\0')).toContain(`AVIARY_SESSION_SECRET=${value}`);
        return value;
      });

    const credentials = demoCredentialsSchema.parse(
      JSON.parse(readFileSync(join(dataDir.path, 'credentials.json'), 'utf8')),
    );
    const signIn = await consoleApi.post('/api/auth/sign-in', {
      data: { username: 'admin', password: credentials.admin },
      headers: { origin: consoleURL },
    });
    expect(signIn.status(), await signIn.text()).toBe(200);

    await test.step('SIGKILL to the launcher: everything ends and every port is free', async () => {
      first!.launcher.kill('SIGKILL');
      await expect
        .poll(
          async () => ({
            processes: processesMarked(marker, first!.mark).map((p) => `${p.pid} ${p.command}`),
            heldPorts: await heldPorts(),
          }),
          { timeout: 15_000, intervals: [100] },
        )
        .toEqual({ processes: [], heldPorts: [] });
    });

    await test.step('a restart on the same data directory keeps the secret and the session', async () => {
      second = await startDemo(dataDir.path, ports);
      const environment = readFileSync(`/proc/${second.consoleServer.pid}/environ`, 'latin1');
      expect(environment.split('\0')).toContain(`AVIARY_SESSION_SECRET=${secret}`);
      const me = await consoleApi.get('/api/auth/me');
      expect(me.status(), await me.text()).toBe(200);
      expect(await me.json()).toMatchObject({ user: { username: 'admin' } });
    });

    await test.step('Ctrl-C (SIGINT) stops the restarted demo in order, leaving nothing', async () => {
      const exited = new Promise<number | null>((resolve) =>
        second!.launcher.once('exit', (code) => resolve(code)),
      );
      second!.launcher.kill('SIGINT');
      expect(await exited, second!.output()).toBe(0);
      await expect
        .poll(
          async () => ({
            processes: processesMarked(marker, second!.mark).map((p) => `${p.pid} ${p.command}`),
            heldPorts: await heldPorts(),
          }),
          { timeout: 15_000, intervals: [100] },
        )
        .toEqual({ processes: [], heldPorts: [] });
    });
  } finally {
    await consoleApi.dispose();
    killAll(first);
    killAll(second);
    dataDir.remove();
  }
});
