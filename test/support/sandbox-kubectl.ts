import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { SandboxClusterOptions } from '@/lib/sandbox/cluster/sandbox-cluster';
import { kubectl, type KubectlRun } from './kubectl';
import { rawApi } from './raw-api';
import { startSandboxFixture, type SandboxFixture } from './sandbox-fixture';
import { makeTempDir } from './temp-dir';

export interface KubectlSandbox {
  /** The running sandbox (only inside tests and hooks: it starts in `beforeAll`). */
  readonly sandbox: SandboxFixture;
  /** The file's own temporary dir (kubectl's discovery cache lives in `cache` under it). */
  readonly workDir: string;
  /** One raw request to the sandbox API as its admin (see `rawApi`). */
  api: ReturnType<typeof rawApi>;
  /** Runs the real kubectl (the dispatcher on PATH) against the sandbox; never throws. */
  run(args: string[], input?: string): Promise<KubectlRun>;
  /** Runs kubectl and expects it to succeed; answers the whole run (for its warnings). */
  succeed(args: string[], input?: string): Promise<KubectlRun>;
  /** Runs kubectl and expects it to succeed; answers what it printed. */
  ok(args: string[], input?: string): Promise<string>;
  /** Runs kubectl and expects it to fail with exit 1; answers its error output, trimmed. */
  fails(args: string[], input?: string): Promise<string>;
}

/**
 * A sandbox API server for one test file, driven through the real kubectl and raw requests:
 * registers the `beforeAll` that starts it and the `afterAll` that stops it, so call it at the top
 * of the file, before the file's own hooks (they run after it, in order). With `namespace`, every
 * kubectl command runs in that namespace (`-n`); the file still creates it.
 */
export function kubectlSandboxForFile(
  name: string,
  { namespace, ...options }: { namespace?: string } & Partial<SandboxClusterOptions> = {},
): KubectlSandbox {
  let sandbox: SandboxFixture | undefined;
  let work: ReturnType<typeof makeTempDir> | undefined;
  let api: ReturnType<typeof rawApi> | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the ${name} sandbox is not running`);
    return value;
  };
  beforeAll(async () => {
    sandbox = await startSandboxFixture(options);
    work = makeTempDir(name);
    api = rawApi({
      url: sandbox.cluster.url,
      token: sandbox.cluster.adminToken,
      caCertPem: sandbox.cluster.caCertPem,
    });
  });
  afterAll(async () => {
    await sandbox?.dispose();
    work?.remove();
  });
  const run = (args: string[], input?: string) =>
    kubectl('kubectl', namespace ? ['-n', namespace, ...args] : args, {
      kubeconfig: started(sandbox).cluster.kubeconfigPath,
      cacheDir: join(started(work).path, 'cache'),
      input,
    });
  const succeed = async (args: string[], input?: string) => {
    const result = await run(args, input);
    expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result;
  };
  return {
    get sandbox() {
      return started(sandbox);
    },
    get workDir() {
      return started(work).path;
    },
    api: (...request) => started(api)(...request),
    run,
    succeed,
    ok: async (args, input) => (await succeed(args, input)).stdout,
    fails: async (args, input) => {
      const result = await run(args, input);
      expect(result.code, `kubectl ${args.join(' ')} succeeded: ${result.stdout}`).toBe(1);
      return result.stderr.trim();
    },
  };
}
