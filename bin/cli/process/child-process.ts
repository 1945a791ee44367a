import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** Runs each child and ends its group when this process ends, even by SIGKILL (orphan-guard.js). */
const orphanGuard = fileURLToPath(new URL('./orphan-guard.js', import.meta.url));

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A process Aviary started and must stop: it runs in its own process group with its children. */
export interface ChildProcess {
  name: string;
  pid: number;
  /** Settles when the process has exited, however that happened. */
  exited: Promise<ChildExit>;
  /** SIGTERM to the whole group, then SIGKILL if it is still there after `graceMs`. */
  stop(graceMs?: number): Promise<ChildExit>;
}

export interface StartChildOptions {
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** `prefix`: each output line shown as `[name] line`; `ignore`: output dropped. */
  output: 'prefix' | 'ignore';
  /**
   * How long the group has between SIGTERM and SIGKILL when this process ends without stopping
   * it (killed, or crashed); `stop()` takes its own.
   */
  orphanGraceMs?: number;
}

/** Groups still running, killed outright if this process exits without stopping them. */
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
});

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

function prefixLines(stream: Readable, prefix: string, target: Writable): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) =>
    target.write(`${prefix}${line}\n`),
  );
}

/**
 * Starts `command` in a new process group, so that stopping it also stops whatever it spawned,
 * and so that Ctrl-C in the terminal reaches only us: we stop the children in order instead of
 * all at once. The group's leader is orphan-guard.js, which holds the read end of a pipe from
 * this process and takes the group down when that pipe closes: when this process ends in a way
 * that runs no code of ours (SIGKILL, a crash of the runtime), the child still ends.
 */
export function startChild(options: StartChildOptions): ChildProcess {
  const child = spawn(
    process.execPath,
    [orphanGuard, String(options.orphanGraceMs ?? 5_000), options.command, ...options.args],
    {
      cwd: options.cwd,
      // Next.js declares NODE_ENV required on ProcessEnv; children get whatever the caller passes.
      env: (options.env ?? process.env) as NodeJS.ProcessEnv,
      detached: true,
      stdio: [
        // Never written to: its end-of-file tells the guard that this process is gone.
        'pipe',
        options.output === 'ignore' ? 'ignore' : 'pipe',
        options.output === 'ignore' ? 'ignore' : 'pipe',
      ],
    },
  );
  if (child.pid === undefined)
    throw new Error(`could not start ${options.name}: ${options.command} did not spawn`);
  const pid: number = child.pid;
  liveGroups.add(pid);
  // The guard may be gone before us; a write never happens, but the pipe can still report EPIPE.
  child.stdin!.on('error', () => {});

  if (options.output === 'prefix') {
    prefixLines(child.stdout!, `[${options.name}] `, process.stdout);
    prefixLines(child.stderr!, `[${options.name}] `, process.stderr);
  }

  const exited = new Promise<ChildExit>((resolve) => {
    child.on('exit', (code, signal) => {
      // The leader is gone; take any of its children with it.
      signalGroup(pid, 'SIGKILL');
      liveGroups.delete(pid);
      child.stdin!.destroy();
      resolve({ code, signal });
    });
  });

  async function stop(graceMs = 5_000): Promise<ChildExit> {
    if (!liveGroups.has(pid)) return exited;
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    const exit = await exited;
    clearTimeout(timer);
    return exit;
  }

  return { name: options.name, pid, exited, stop };
}
