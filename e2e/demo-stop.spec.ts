/**
 * The real `aviary demo`, with the real `next start` of the production build, killed the hardest
 * way: SIGKILL to the launcher alone, which runs no code of ours. Its console must notice and
 * end, and every port must be free again. test/integration/cli/demo-stop.int.test.ts covers
 * SIGINT, SIGTERM to the group and SIGTERM-then-SIGKILL with a stand-in for next start, because
 * the integration layer runs before the build; this spec is the same check with the real console,
 * here because the e2e layer always has the build (so it runs on every CI run rather than being
 * skipped when none exists). The ordered stop on SIGINT is checked on every run too: Playwright
 * stops the main stack that way and scripts/e2e.mjs fails if any of its processes outlive it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { isPortAvailable } from '../bin/cli/process/port-available';
import { freePort } from '../test/support/free-port';
import { processesMarked } from '../test/support/marked-processes';
import { makeTempDir } from '../test/support/temp-dir';
import { waitFor } from '../test/support/wait-for';
import { demoArgs, demoReadyLine, repositoryRoot, type DemoPorts } from './support/demo-command';

const marker = 'AVIARY_E2E_STOP_CHECK';

test('the demo killed with SIGKILL leaves no process and no port behind', async () => {
  // A demo of its own (start-up under load takes up to half a minute), beside the main stack.
  test.setTimeout(180_000);
  const dataDir = makeTempDir('e2e-demo-stop');
  const mark = randomUUID();
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
  const launcher = spawn(process.execPath, demoArgs(dataDir.path, ports), {
    cwd: repositoryRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', AVIARY_TRAFFIC: '', [marker]: mark },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const heldPorts = async () => {
    const held: number[] = [];
    for (const port of chosen) if (!(await isPortAvailable(port))) held.push(port);
    return held;
  };

  try {
    await waitFor(() => demoReadyLine.test(output) || launcher.exitCode !== null, {
      timeoutMs: 120_000,
      intervalMs: 100,
      what: 'the demo to be ready',
    }).catch((error: Error) => {
      throw new Error(`${error.message}; its output:\n${output}`);
    });
    expect(launcher.exitCode, output).toBeNull();

    const running = processesMarked(marker, mark);
    const consoleServer = running.find((p) => p.command.startsWith('next-server'));
    expect(consoleServer, running.map((p) => p.command).join('\n')).toBeDefined();
    expect(running.some((p) => p.command.includes('orphan-guard.js'))).toBe(true);
    expect(await heldPorts()).toEqual(chosen);

    await test.step("the console runs with the data directory's session secret", () => {
      const file = join(dataDir.path, 'session-secret');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const secret = readFileSync(file, 'utf8').trim();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const environment = readFileSync(`/proc/${consoleServer!.pid}/environ`, 'latin1').split('\0');
      expect(environment).toContain(`AVIARY_SESSION_SECRET=${secret}`);
    });

    await test.step('SIGKILL to the launcher: everything ends and every port is free', async () => {
      launcher.kill('SIGKILL');
      await expect
        .poll(
          async () => ({
            processes: processesMarked(marker, mark).map((p) => `${p.pid} ${p.command}`),
            heldPorts: await heldPorts(),
          }),
          { timeout: 15_000, intervals: [100] },
        )
        .toEqual({ processes: [], heldPorts: [] });
    });
  } finally {
    for (const { pid } of processesMarked(marker, mark)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    dataDir.remove();
  }
});
