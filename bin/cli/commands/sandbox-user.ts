/**
 * `aviary sandbox user add NAME [--group G ...] [--data-dir DIR]`: a user of the sandbox's API
 * server, with a bearer token and a kubeconfig of their own. The `sandbox` command dispatches here
 * when its first argument is `user`, passing the arguments after it.
 */
import { addSandboxUser, UserAccountError } from '@/lib/sandbox/cluster/user-accounts';
import { parseCommandLine } from '../command-line';
import { dataDirOption } from '../common-options';

const usage = [
  'usage: aviary sandbox user add NAME [--group G ...] [--data-dir DIR]',
  '',
  'Gives NAME a bearer token (in DIR/tokens.json) and writes DIR/users/NAME.kubeconfig for it.',
  'Works while the sandbox runs: the token is accepted within a second. Adding an existing user',
  'replaces their token and groups. A new user may do nothing but discover the API and ask what',
  'they may do; grant rights with RoleBindings, e.g. as the admin:',
  '  kubectl create rolebinding NAME-view --clusterrole=view --user=NAME -n NAMESPACE',
  '',
  'flags:',
  '  --group G        a group the user is in (repeatable); every user is also in system:authenticated',
  `  --data-dir DIR   the sandbox's data dir (env ${dataDirOption.env}, default ${dataDirOption.schema.parse(undefined)})`,
  '  --help           show this help',
].join('\n');

/** Runs `aviary sandbox user ARGV...`; resolves to the exit code (2 for a usage mistake). */
export async function runSandboxUserCommand(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const parsed = parseCommandLine(argv, {
    group: { type: 'string', multiple: true },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if ('mistake' in parsed) return usageError(parsed.mistake);
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  const [verb, name, ...extra] = parsed.positionals;
  if (verb !== 'add')
    return usageError(
      verb === undefined ? 'missing the verb: add' : `unknown verb "${verb}": the verb is add`,
    );
  if (name === undefined) return usageError('missing the user NAME');
  if (extra.length > 0) return usageError(`unexpected argument "${extra[0]}"`);

  const fromEnv = env[dataDirOption.env] !== '' ? env[dataDirOption.env] : undefined;
  const dataDir = dataDirOption.schema.safeParse(parsed.values['data-dir'] ?? fromEnv);
  if (!dataDir.success)
    return usageError(`--data-dir ${dataDir.error.issues[0]?.message ?? 'is invalid'}`);
  const groups = (parsed.values.group ?? []).filter((group) => group !== '');

  try {
    const added = addSandboxUser(dataDir.data, name, groups);
    const groupList = added.groups.length > 0 ? ` (groups: ${added.groups.join(', ')})` : '';
    console.log(`user ${added.user}${groupList} added; kubeconfig: ${added.kubeconfigPath}`);
    console.log(`  KUBECONFIG=${added.kubeconfigPath} kubectl auth can-i --list`);
    return 0;
  } catch (error) {
    if (error instanceof UserAccountError) {
      console.error(`aviary sandbox user: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function usageError(message: string): number {
  console.error(`aviary sandbox user: ${message} (see aviary sandbox user --help)`);
  return 2;
}
