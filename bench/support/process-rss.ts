import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

export interface ReadyChild {
  child: ChildProcess;
  /** What followed READY on its first line. */
  ready: string;
  stop(): Promise<void>;
}

/**
 * Extra Node flags for the processes a benchmark starts, from AVIARY_BENCH_NODE_ARGS (say
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them; Node refuses --cpu-prof in NODE_OPTIONS).
 */
export function benchNodeArgs(): string[] {
  return (process.env.AVIARY_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/** Starts `node ARGS`, waits for a line `READY ...` on its stdout (60 s at most). */
export async function startReadyChild(args: string[]): Promise<ReadyChild> {
  const child = spawn(process.execPath, [...benchNodeArgs(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const ready = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no READY within 60 s: ${stderr}`)), 60_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /READY ?(\S*)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] ?? '');
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited (${code}) before READY: ${stderr}`));
      });
    });
    return { child, ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
