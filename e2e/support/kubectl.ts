import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { e2eStack } from './stack-env';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  /** Fed to kubectl's stdin (`kubectl apply -f -`). */
  input?: string;
  /** Another kubeconfig than the admin's, e.g. `e2eStack().userKubeconfig('alice')`. */
  kubeconfig?: string;
  timeoutMs?: number;
}

/**
 * Runs the machine's `kubectl` against the stack's sandbox, as a person following the
 * walkthrough would: with the admin kubeconfig (system:masters) unless told otherwise, and a
 * discovery cache inside the run's data directory (never ~/.kube). Resolves whatever the exit
 * code; `kubectlOk` fails instead.
 */
export function kubectl(
  args: readonly string[],
  options: KubectlOptions = {},
): Promise<KubectlResult> {
  const stack = e2eStack();
  return new Promise((resolve, reject) => {
    const child = execFile(
      'kubectl',
      [`--cache-dir=${join(stack.dataDir, 'kubectl-cache')}`, ...args],
      {
        env: { ...process.env, KUBECONFIG: options.kubeconfig ?? stack.kubeconfig },
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          // Not an exit code: kubectl is missing, or it was killed by the timeout.
          reject(new Error(`kubectl ${args.join(' ')}: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** `kubectl` that must succeed: resolves to its stdout, or fails with its stderr. */
export async function kubectlOk(
  args: readonly string[],
  options: KubectlOptions = {},
): Promise<string> {
  const result = await kubectl(args, options);
  if (result.code !== 0) {
    throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** `kubectl get ... -o json`, parsed. */
export async function kubectlJson<T = unknown>(
  args: readonly string[],
  options: KubectlOptions = {},
): Promise<T> {
  return JSON.parse(await kubectlOk([...args, '-o', 'json'], options)) as T;
}
