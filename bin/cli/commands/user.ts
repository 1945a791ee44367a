/**
 * `aviary user add|passwd|delete|list`: the console's built-in accounts, in whatever cluster
 * kubectl would use (or --kubeconfig). Passwords are generated (printed once) unless one is given
 * on standard input with --password-stdin; only their scrypt hashes are stored.
 */
import { z } from 'zod';
import { passwordSchema, usernameSchema } from '@/lib/domain/accounts/account-schema';
import {
  AccountExistsError,
  AccountNotFoundError,
  AccountStore,
  ensureAccountStore,
} from '@/lib/server/accounts/account-store';
import { generatePassword } from '@/lib/server/accounts/password-hash';
import { describeApiError } from '@/lib/server/kube/api-error';
import { UsageError } from '../cli-errors';
import { loadClusterConfig } from '../cluster-config';
import { parseCommandLine } from '../command-line';
import { defineCommand } from '../command';

const usage = [
  'usage: aviary user add NAME [--admin] [--password-stdin]',
  '       aviary user passwd NAME [--password-stdin]',
  '       aviary user delete NAME',
  '       aviary user list',
  '',
  "The console's built-in accounts, kept as Secrets in the system namespace of the cluster kubectl",
  'would use. add and passwd print a generated password once, unless --password-stdin reads one',
  "(at least 10 characters); passwd and delete end the account's sessions at once.",
  '',
  'flags:',
  '  --admin             (add) a platform administrator: manages accounts and every project',
  '  --password-stdin    read the password from standard input instead of generating one',
  '  --kubeconfig FILE   kubeconfig (else the files in KUBECONFIG, else ~/.kube/config, else in-cluster)',
  '  --namespace NS      the system namespace (env AVIARY_SYSTEM_NAMESPACE, default aviary-system)',
  '  --help              show this help',
].join('\n');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function fail(message: string, code = 1): number {
  console.error(`aviary user: ${message}`);
  return code;
}

/** Runs `aviary user VERB ARGV...`; resolves to the exit code (2 for a usage mistake). */
export async function runUserCommand(verb: string, argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, {
    admin: { type: 'boolean' },
    'password-stdin': { type: 'boolean' },
    kubeconfig: { type: 'string' },
    namespace: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if ('mistake' in parsed) return fail(`${parsed.mistake} (see aviary user --help)`, 2);
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  const [name, ...extra] = parsed.positionals;
  if (extra.length > 0) return fail(`unexpected argument "${extra[0]}"`, 2);
  if (verb !== 'list') {
    const valid = usernameSchema.safeParse(name);
    if (!valid.success) {
      return fail(
        name === undefined ? 'missing the account NAME' : `NAME ${valid.error.issues[0]?.message}`,
        2,
      );
    }
  }
  const namespace = z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .safeParse(parsed.values.namespace ?? process.env.AVIARY_SYSTEM_NAMESPACE ?? 'aviary-system');
  if (!namespace.success) return fail('--namespace must be a namespace name', 2);

  let password: string | undefined;
  if ((verb === 'add' || verb === 'passwd') && parsed.values['password-stdin']) {
    const read = passwordSchema.safeParse(await readStdin());
    if (!read.success) return fail(`the password ${read.error.issues[0]?.message}`, 2);
    password = read.data;
  }
  let kubeConfig;
  try {
    kubeConfig = loadClusterConfig(parsed.values.kubeconfig);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message, 2);
    throw error;
  }
  const store = new AccountStore(kubeConfig, namespace.data);
  try {
    switch (verb) {
      case 'add': {
        await ensureAccountStore(kubeConfig, namespace.data);
        const chosen = password ?? generatePassword();
        await store.create(name!, parsed.values.admin ? 'admin' : 'user', chosen);
        console.log(
          `account ${name} added${parsed.values.admin ? ' (platform administrator)' : ''}`,
        );
        if (!password) console.log(`password: ${chosen}  (shown once)`);
        return 0;
      }
      case 'passwd': {
        const chosen = password ?? generatePassword();
        await store.setPassword(name!, chosen);
        console.log(`password of ${name} changed; its sessions have ended`);
        if (!password) console.log(`password: ${chosen}  (shown once)`);
        return 0;
      }
      case 'delete':
        await store.delete(name!);
        console.log(`account ${name} deleted; its sessions have ended`);
        return 0;
      case 'list': {
        const accounts = await store.list();
        const width = Math.max(8, ...accounts.map((a) => a.username.length));
        console.log(`${'NAME'.padEnd(width)}  ROLE   CREATED`);
        for (const a of accounts) {
          console.log(`${a.username.padEnd(width)}  ${a.platformRole.padEnd(5)}  ${a.createdAt}`);
        }
        return 0;
      }
      default:
        return fail(`unknown verb "${verb}": add, passwd, delete or list`, 2);
    }
  } catch (error) {
    if (error instanceof AccountExistsError || error instanceof AccountNotFoundError) {
      return fail(error.message);
    }
    return fail(describeApiError(error));
  }
}

export const command = defineCommand({
  options: {},
  description: usage.split('\n').slice(5).join('\n'),
  async run() {
    console.log(usage);
    return 2;
  },
  subcommands: Object.fromEntries(
    ['add', 'passwd', 'delete', 'list'].map((verb) => [
      verb,
      (argv: string[]) => runUserCommand(verb, argv),
    ]),
  ),
});
