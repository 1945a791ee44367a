import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const aviaryBin = fileURLToPath(new URL('../../bin/aviary.js', import.meta.url));

/** What one run of the CLI did: its exit code (null when killed) and what it printed. */
export interface AviaryRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `bin/aviary.js` as a person does, in a child process with `kubeconfig` in KUBECONFIG;
 * never throws on a non-zero exit. `input`, when given, is written to its standard input, which
 * is then closed.
 */
export function runAviary(
  args: string[],
  options: { kubeconfig: string; input?: string },
): Promise<AviaryRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [aviaryBin, ...args],
      { env: { ...process.env, KUBECONFIG: options.kubeconfig }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
