/**
 * `aviary user` as an administrator runs it against a cluster (the sandbox's API server, found
 * through KUBECONFIG as kubectl would): accounts added, listed, their password changed and
 * deleted, and what each does to signing in through the console's auth service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '@/lib/server/accounts/account-store';
import { verifyPassword } from '@/lib/server/accounts/password-hash';
import { runAviary } from '../../support/aviary-cli';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';

let f: SandboxFixture;

const aviary = (args: string[], input?: string) =>
  runAviary(['user', ...args], { kubeconfig: f.cluster.kubeconfigPath, input: input ?? '' });

beforeAll(async () => {
  f = await startSandboxFixture();
});
afterAll(async () => f?.dispose());

describe('aviary user', () => {
  it('adds an account with a generated password shown once, stored only as a hash', async () => {
    const run = await aviary(['add', 'alice', '--admin']);
    expect(run.code).toBe(0);
    const password = /password: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const account = await new AccountStore(f.kubeConfig, 'aviary-system').get('alice');
    expect(account?.platformRole).toBe('admin');
    expect(account?.passwordHash.startsWith('scrypt$')).toBe(true);
    expect(account?.passwordHash).not.toContain(password!);
    expect(await verifyPassword(password!, account!.passwordHash)).toBe(true);
  });

  it('takes a password on standard input, refuses a short one and an existing name', async () => {
    expect(
      (await aviary(['add', 'bob', '--password-stdin'], 'a long enough password\n')).code,
    ).toBe(0);
    const account = await new AccountStore(f.kubeConfig, 'aviary-system').get('bob');
    expect(await verifyPassword('a long enough password', account!.passwordHash)).toBe(true);
    const short = await aviary(['add', 'carol', '--password-stdin'], 'short');
    expect(short).toMatchObject({
      code: 2,
      stderr: 'aviary user: the password must be at least 10 characters\n',
    });
    const again = await aviary(['add', 'bob']);
    expect(again).toMatchObject({ code: 1, stderr: 'aviary user: account "bob" already exists\n' });
    expect((await aviary(['add', 'Bad_Name'])).code).toBe(2);
  });

  it('lists, changes a password (ending sessions) and deletes', async () => {
    const list = await aviary(['list']);
    expect(
      list.stdout
        .split('\n')
        .slice(1, 3)
        .map((line) => line.split(/\s+/).slice(0, 2)),
    ).toEqual([
      ['alice', 'admin'],
      ['bob', 'user'],
    ]);
    const before = await new AccountStore(f.kubeConfig, 'aviary-system').get('bob');
    const passwd = await aviary(['passwd', 'bob']);
    expect(passwd.code).toBe(0);
    const after = await new AccountStore(f.kubeConfig, 'aviary-system').get('bob');
    expect(after!.sessionsValidAfter).toBeGreaterThan(before!.sessionsValidAfter);
    expect(
      await verifyPassword(/password: (\S+)/.exec(passwd.stdout)![1]!, after!.passwordHash),
    ).toBe(true);
    expect((await aviary(['delete', 'bob'])).code).toBe(0);
    expect(await new AccountStore(f.kubeConfig, 'aviary-system').get('bob')).toBeUndefined();
    expect(await aviary(['delete', 'bob'])).toMatchObject({
      code: 1,
      stderr: 'aviary user: account "bob" not found\n',
    });
  });
});
