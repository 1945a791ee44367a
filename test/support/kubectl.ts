import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface KubectlBinary {
  /** "1.31" */
  minor: string;
  path: string;
}

/**
 * The versioned kubectl binaries installed beside the machine's `kubectl` dispatcher
 * (kubectl.1.27 ... kubectl.1.33), oldest first.
 */
export function installedKubectls(): KubectlBinary[] {
  const which = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
  if (!which) return [];
  const dir = dirname(realpathSync(which));
  return readdirSync(dir)
    .map((file) => /^kubectl\.(1\.\d+)$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ minor: m[1]!, path: join(dir, m[0]) }))
    .sort((a, b) => Number(a.minor.split('.')[1]) - Number(b.minor.split('.')[1]));
}

export interface KubectlRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs kubectl with a kubeconfig and its own discovery cache dir; never throws on a non-zero exit. */
export async function kubectl(
  binary: string,
  args: string[],
  options: { kubeconfig: string; cacheDir: string; env?: Record<string, string>; input?: string },
): Promise<KubectlRun> {
  const child = execFileAsync(binary, [`--cache-dir=${options.cacheDir}`, ...args], {
    env: { ...process.env, KUBECONFIG: options.kubeconfig, ...options.env },
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return {
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
      code: typeof e.code === 'number' ? e.code : 1,
    };
  }
}

/** Starts a long-running kubectl (get -w), collecting its output lines. */
export function kubectlStream(
  binary: string,
  args: string[],
  options: { kubeconfig: string; cacheDir: string },
): { child: ChildProcess; lines: string[] } {
  const child = spawn(binary, [`--cache-dir=${options.cacheDir}`, ...args], {
    env: { ...process.env, KUBECONFIG: options.kubeconfig },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.trim() !== ''));
  });
  child.stderr!.on('data', (chunk: Buffer) =>
    lines.push(`stderr: ${chunk.toString('utf8').trim()}`),
  );
  return { child, lines };
}
