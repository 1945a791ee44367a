/**
 * However `aviary demo` is stopped, nothing of it stays behind: not the launcher, not the
 * console's server, not what that server spawned, and no port stays held.
 *
 * This layer runs before `next build` in `npm test`, so it cannot start the real console. It runs
 * the demo's real service runner (`runServices`, `childService`, `startChild` with its orphan
 * guard) with a stand-in for `next start`: a server that spawns a grandchild server in its own
 * process group, plus a server inside the launcher as the sandbox is
 * (test/support/stand-in-launcher.ts). The real demo, with the real `next start`, is checked the
 * same way by e2e/demo-stop.spec.ts, after the build, so that check runs in CI on every run
 * instead of being skipped whenever no build happens to exist.
 *
 * Every process the run starts inherits AVIARY_TEST_RUN from the launcher; /proc tells which are
 * left, whichever group or parent they ended up with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isPortAvailable } from '@/bin/cli/process/port-available';
import { freePort } from '../../support/free-port';
import { processesMarked, type MarkedProcess } from '../../support/marked-processes';
import { waitFor } from '../../support/wait-for';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const marker = 'AVIARY_TEST_RUN';

interface Run {
  mark: string;
  launcher: ChildProcess;
  ports: number[];
  output: () => string;
}

const runs: Run[] = [];

/** Starts the stand-in demo as a terminal starts `npm run demo`: the leader of its own group. */
async function startRun(name: string, { ignoreTerm = false } = {}): Promise<Run> {
  const mark = `demo-stop-${name}-${process.pid}`;
  const ports = [await freePort(), await freePort(), await freePort()];
  const launcher = spawn(
    process.execPath,
    [
      'bin/run-ts.js',
      'test/support/stand-in-launcher.ts',
      ...ports.map(String),
      ...(ignoreTerm ? ['--ignore-term'] : []),
    ],
    {
      cwd: root,
      env: { ...process.env, [marker]: mark },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const run: Run = { mark, launcher, ports, output: () => output };
  runs.push(run);
  await waitFor(() => output.includes('ready; press Ctrl-C to stop'), {
    timeoutMs: 30_000,
    what: `the stand-in demo to be ready; output so far:\n${output}`,
  });
  return run;
}

const describeProcesses = (processes: MarkedProcess[]) =>
  processes.map((p) => `${p.pid} ${p.command}`).join('\n');

/** What is left of a run: its processes, and its ports still held. */
async function leftovers(run: Run) {
  const processes = processesMarked(marker, run.mark);
  const heldPorts: number[] = [];
  for (const port of run.ports) if (!(await isPortAvailable(port))) heldPorts.push(port);
  return { processes, heldPorts };
}

/** Before the stop: everything is there, so that the check after it can fail. */
async function expectRunning(run: Run): Promise<void> {
  const { processes, heldPorts } = await leftovers(run);
  // The launcher, the orphan guard, the stand-in server and its grandchild (and, at times, the
  // esbuild service the TypeScript loader starts).
  const roles = processes.map((p) =>
    p.pid === run.launcher.pid
      ? 'launcher'
      : p.command.includes('orphan-guard.js')
        ? 'guard'
        : p.command.includes('stand-in-server.mjs')
          ? 'stand-in'
          : 'other',
  );
  expect(roles.filter((role) => role !== 'other').sort(), describeProcesses(processes)).toEqual([
    'guard',
    'launcher',
    'stand-in',
    'stand-in',
  ]);
  expect(heldPorts).toEqual(run.ports);
}

async function expectNothingLeft(run: Run, timeoutMs: number): Promise<void> {
  const started = performance.now();
  await waitFor(
    async () => {
      const left = await leftovers(run);
      return left.processes.length === 0 && left.heldPorts.length === 0;
    },
    { timeoutMs, intervalMs: 50, what: `no process or port of run ${run.mark} left` },
  ).catch(async (error: Error) => {
    const left = await leftovers(run);
    throw new Error(
      `${error.message}\nprocesses:\n${describeProcesses(left.processes)}\nports held: ${left.heldPorts.join(', ')}\noutput:\n${run.output()}`,
    );
  });
  console.log(`${run.mark}: nothing left after ${Math.round(performance.now() - started)} ms`);
}

afterEach(() => {
  // A failed test must not leave its run behind for the next one.
  for (const run of runs.splice(0)) {
    for (const { pid } of processesMarked(marker, run.mark)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

describe('stopping the demo leaves no process and no port behind', () => {
  it('Ctrl-C (SIGINT to the launcher): the services stop in order and the launcher exits 0', async () => {
    const run = await startRun('sigint');
    await expectRunning(run);
    const exited = new Promise<number | null>((resolve) => run.launcher.once('exit', resolve));
    run.launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(run.output()).toMatch(/stopping stand-in\n[\s\S]*stopping in-process\n/);
    await expectNothingLeft(run, 10_000);
  });

  it('SIGTERM to the process group: the launcher stops everything as on Ctrl-C', async () => {
    const run = await startRun('sigterm-group');
    await expectRunning(run);
    const exited = new Promise<number | null>((resolve) => run.launcher.once('exit', resolve));
    process.kill(-run.launcher.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
    await expectNothingLeft(run, 10_000);
  });

  it('SIGKILL to the launcher alone: the child notices and takes its process group down', async () => {
    const run = await startRun('sigkill-launcher');
    await expectRunning(run);
    run.launcher.kill('SIGKILL');
    await expectNothingLeft(run, 10_000);
  });

  it('SIGTERM then SIGKILL to the group while a slow child is still stopping (the issue 13 report)', async () => {
    // Both stand-ins ignore SIGTERM: the launcher is killed while it waits for them, and the
    // guard has to escalate to SIGKILL after its 5 s grace.
    const run = await startRun('term-kill-group', { ignoreTerm: true });
    await expectRunning(run);
    process.kill(-run.launcher.pid!, 'SIGTERM');
    await waitFor(() => run.output().includes('SIGTERM ignored'), {
      what: 'the stand-in to receive the SIGTERM of the stop',
    });
    process.kill(-run.launcher.pid!, 'SIGKILL');
    await expectNothingLeft(run, 15_000);
  });
});
