/**
 * `bin/aviary.js job list` as a person runs it on a machine with no cluster configured: one clear
 * line and exit 2, not client-node's "HTTP protocol is not allowed when skipTLSVerify ...".
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

const aviary = fileURLToPath(new URL('../../../bin/aviary.js', import.meta.url));
let home: ReturnType<typeof makeTempDir>;

beforeAll(() => {
  home = makeTempDir('cli-no-cluster');
});

afterAll(() => home.remove());

it('aviary job list without a cluster prints what to configure and exits 2', async () => {
  const { KUBECONFIG: _kubeconfig, KUBERNETES_SERVICE_HOST: _host, ...env } = process.env;
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        process.execPath,
        [aviary, 'job', 'list'],
        { env: { ...env, HOME: home.path }, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
      );
    },
  );
  expect(result.stderr.trim()).toBe(
    `aviary job: no cluster configured (KUBECONFIG is unset, ${home.path}/.kube/config does not exist, not in a cluster): ` +
      'set KUBECONFIG, pass --kubeconfig FILE, or run inside a cluster (see aviary job --help)',
  );
  expect(result.stdout).toBe('');
  expect(result.code).toBe(2);
});
