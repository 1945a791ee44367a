/**
 * `bin/aviary.js job ...` as a person runs it (the README's walkthrough), against the sandbox API
 * server with its kubeconfig in KUBECONFIG and the release controller running: what each verb
 * prints, its exit code, and that the change reached the VirtualService.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseJob } from '@/lib/domain/release';
import { addSandboxUser, userKubeconfigPath } from '@/lib/sandbox/cluster/user-accounts';
import { runAviary } from '../../support/aviary-cli';
import { kubectl } from '../../support/kubectl';
import { waitFor } from '../../support/wait-for';
import {
  createService,
  ns,
  startReleaseFixture,
  virtualServices,
  waitForJob,
  weightsOf,
  type ReleaseFixture,
} from '../release/release-fixture';

const rbacYaml = fileURLToPath(new URL('../../../deploy/rbac.yaml', import.meta.url));
let f: ReleaseFixture;

const aviary = (args: string[], kubeconfig = f.sandbox.cluster.kubeconfigPath) =>
  runAviary(['job', ...args], { kubeconfig });

const reviewsWeights = async () => weightsOf((await virtualServices(f.kc))[0], 'reviews');

beforeAll(async () => {
  f = await startReleaseFixture();
  await createService(f.kc, 'reviews');
});
afterAll(async () => f?.dispose());

describe('aviary job, the walkthrough from the command line', () => {
  it('creates a 50/50 canary, finding the stable version from the Deployments', async () => {
    const run = await aviary([
      'create',
      'reviews-canary',
      '-n',
      ns,
      '--service',
      'reviews',
      '--version',
      'v2',
      '--image',
      'registry.istio.io/release/examples-bookinfo-reviews-v2:1.20.3',
      '--weight',
      '50',
    ]);
    expect(run).toEqual({
      code: 0,
      stdout: 'releasejob.aviary.dev/reviews-canary created\n',
      stderr: '',
    });
    await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'Progressing', 'split');
    expect(await reviewsWeights()).toEqual([{ v1: 50, v2: 50 }]);
  });

  it('gets the job as JSON without managedFields, and lists it as a table', async () => {
    // Reads may run side by side: each spawn costs the CLI's start-up (~2 s here).
    const [get, list] = await Promise.all([
      aviary(['get', 'reviews-canary', '-n', ns, '-o', 'json']),
      aviary(['list', '-n', ns]),
    ]);
    expect(get.code).toBe(0);
    const job = JSON.parse(get.stdout) as ReleaseJob;
    expect(job.spec).toMatchObject({ service: 'reviews', stableVersion: 'v1', mode: 'Canary' });
    expect(job.status?.phase).toBe('Progressing');
    expect(job.metadata).not.toHaveProperty('managedFields');

    expect(list.code).toBe(0);
    const [header, row, ...rest] = list.stdout.trimEnd().split('\n');
    expect(header!.split(/\s+/)).toEqual([
      'NAME',
      'SERVICE',
      'MODE',
      'STABLE',
      'NEW',
      'TRAFFIC',
      'PHASE',
      'MESSAGE',
    ]);
    expect(row!.split(/\s+/).slice(0, 7)).toEqual([
      'reviews-canary',
      'reviews',
      'Canary',
      'v1',
      'v2',
      'v1:50,v2:50',
      'Progressing',
    ]);
    expect(rest).toEqual([]);
  });

  it('sets the weight, takes over, rolls back, each printing what it did', async () => {
    expect(await aviary(['set-weight', 'reviews-canary', '-n', ns, '--weight', '20'])).toEqual({
      code: 0,
      stdout: 'releasejob.aviary.dev/reviews-canary weight set\n',
      stderr: '',
    });
    await waitForJob(
      f.kc,
      'reviews-canary',
      (j) => j.status?.traffic?.[0]?.applied?.v2 === 20,
      'the 80/20 split',
    );
    expect(await reviewsWeights()).toEqual([{ v1: 80, v2: 20 }]);

    const takeOver = await aviary(['take-over', 'reviews-canary', '-n', ns, '--version', 'v2']);
    expect(takeOver.stdout).toBe('releasejob.aviary.dev/reviews-canary taken over\n');
    await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'TakenOver', 'take-over');
    expect(await reviewsWeights()).toEqual([{ v2: 100 }]);

    const rollback = await aviary(['rollback', 'reviews-canary', '-n', ns, '-o', 'yaml']);
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toMatch(/^ {2}rollback: true$/m);
    expect(rollback.stdout).not.toContain('managedFields');
    await waitForJob(f.kc, 'reviews-canary', (j) => j.status?.phase === 'RolledBack', 'rollback');
    expect(await reviewsWeights()).toEqual([{ v1: 100 }]);
  });

  it('refuses a change it cannot make with one line on stderr and exit 1, changing nothing', async () => {
    const [missing, badVersion] = await Promise.all([
      aviary(['set-weight', 'no-such-job', '-n', ns, '--weight', '10']),
      aviary(['take-over', 'reviews-canary', '-n', ns, '--version', 'v9']),
    ]);
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: `aviary job: release job "no-such-job" not found in namespace "${ns}"\n`,
    });
    expect(badVersion).toEqual({
      code: 1,
      stdout: '',
      stderr: `aviary job: spec.takeOver: "v9" is not one of the job's versions (v1, v2)\n`,
    });
    expect(await reviewsWeights()).toEqual([{ v1: 100 }]);
  });

  it("refuses a viewer's change in the API server's words, exit 1", async () => {
    // The project roles as shipped, bound as docs/operations.md says.
    const kubectlAsAdmin = (args: string[], input?: string) =>
      kubectl('kubectl', args, {
        kubeconfig: f.sandbox.cluster.kubeconfigPath,
        cacheDir: join(f.sandbox.dataDir, 'kubectl-cache'),
        ...(input ? { input } : {}),
      });
    expect((await kubectlAsAdmin(['apply', '-f', rbacYaml])).stderr).toBe('');
    // kubectl sends an imperative create as protobuf, which the sandbox does not decode: the
    // binding goes through `create --dry-run=client -o yaml | apply`, as its 415 advises.
    const binding = await kubectlAsAdmin([
      '-n',
      ns,
      'create',
      'rolebinding',
      'vera-viewer',
      '--clusterrole=aviary-project-viewer',
      '--user=vera',
      '--dry-run=client',
      '-o',
      'yaml',
    ]);
    expect((await kubectlAsAdmin(['apply', '-f', '-'], binding.stdout)).stderr).toBe('');
    addSandboxUser(f.sandbox.dataDir, 'vera', []);
    const asVera = userKubeconfigPath(f.sandbox.dataDir, 'vera');
    // The sandbox re-reads its token file at most twice a second.
    const list = await waitFor(
      async () => {
        const run = await aviary(['list', '-n', ns], asVera);
        return run.code === 0 ? run : undefined;
      },
      { what: "vera's token to be accepted" },
    );
    expect(list.stdout).toContain('reviews-canary');
    expect(await aviary(['rollback', 'reviews-canary', '-n', ns], asVera)).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(
        /^aviary job: releasejobs\.aviary\.dev "reviews-canary" is forbidden: User "vera" cannot update resource "releasejobs" in API group "aviary\.dev" in the namespace "demo-project"/,
      ) as string,
    });
  });
});
