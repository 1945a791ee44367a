import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '@/test/support/temp-dir';
import { main } from './main';

let home: ReturnType<typeof makeTempDir>;

/** `aviary ARGV...` in this process: its exit code and what it printed on stderr. */
async function aviary(argv: string[]): Promise<{ code: number; err: string }> {
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const code = await main(argv);
    return { code, err: error.mock.calls.flat().join('\n') };
  } finally {
    error.mockRestore();
    log.mockRestore();
  }
}

beforeEach(() => {
  // No cluster anywhere: an empty home, no KUBECONFIG, not in a pod.
  home = makeTempDir('cli-home');
  vi.stubEnv('HOME', home.path);
  vi.stubEnv('KUBECONFIG', undefined);
  vi.stubEnv('KUBERNETES_SERVICE_HOST', undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
  home.remove();
});

describe('aviary without a cluster', () => {
  const noCluster = (homeDir: string) =>
    `no cluster configured (KUBECONFIG is unset, ${homeDir}/.kube/config does not exist, not in a cluster): ` +
    'set KUBECONFIG, pass --kubeconfig FILE, or run inside a cluster';

  it.each([
    [['job', 'list'], 'job'],
    [['job', 'pause', 'web', '-n', 'demo'], 'job'],
    [['controller'], 'controller'],
  ])('%j says so before any request, exit 2', async (argv, name) => {
    const { code, err } = await aviary(argv);
    expect(err).toBe(`aviary ${name}: ${noCluster(home.path)} (see aviary ${name} --help)`);
    expect(code).toBe(2);
  });

  it.each([['job', 'list'], ['controller']])(
    '%j names a --kubeconfig file that is missing or unusable',
    async (...argv) => {
      const missing = join(home.path, 'missing.yaml');
      expect((await aviary([...argv, '--kubeconfig', missing])).err).toContain(
        `--kubeconfig ${missing}: no such file`,
      );
      const broken = join(home.path, 'broken.yaml');
      writeFileSync(broken, 'clusters: [');
      const { code, err } = await aviary([...argv, '--kubeconfig', broken]);
      expect(err).toContain(`${broken} is not a usable kubeconfig: not YAML`);
      expect(code).toBe(2);
    },
  );

  it('reports a usage mistake in a job verb in one line, exit 2', async () => {
    expect(await aviary(['job', 'get'])).toEqual({
      code: 2,
      err: "aviary job: job get needs the job's NAME (see aviary job --help)",
    });
  });
});
