import { parseArgs } from 'node:util';
import { UsageError } from '../cli-errors';

/**
 * `aviary job VERB NAME [FLAGS]`: verbs and positionals, which the shared flag parser (flags only)
 * does not take, parsed here with node:util's parseArgs so the usage errors read the same.
 */

export const jobVerbs = [
  'create',
  'edit',
  'list',
  'get',
  'set-weight',
  'take-over',
  'restore',
  'pause',
  'resume',
  'promote',
  'rollback',
  'offline',
] as const;
export type JobVerb = (typeof jobVerbs)[number];

/** Each verb's usage line and what it does, for `aviary job --help` and `aviary job VERB --help`. */
export const jobVerbUsage: Record<JobVerb, [usage: string, what: string]> = {
  create: [
    'create NAME -n NS --service SVC --version VER (--image IMAGE | --adopt) [--stable VER] [--container NAME] [--mode canary|bluegreen|mirror] [--weight PERCENT_TO_NEW] [--replicas N] [--env KEY=VALUE ...]',
    "starts a release: the new version is a copy of the stable Deployment with IMAGE (the stable version is the service's one other version unless --stable says). If SVC-VER already exists and Aviary did not create it, the job is refused unless --adopt: then SVC-VER is routed to as it is, and Aviary never changes or deletes it (offline of it removes only its routes and subset); --image, --replicas, --env and --container do not go with --adopt",
  ],
  edit: [
    'edit NAME [--image IMAGE] [--replicas N] [--env KEY=VALUE ...]',
    'changes the new version while the job runs',
  ],
  list: ['list [-n NS]', 'lists the release jobs of a namespace'],
  get: ['get NAME', 'prints one job with its status (YAML unless -o json)'],
  'set-weight': [
    'set-weight NAME --weight PERCENT_TO_NEW',
    'sets the share of the default traffic the new version gets',
  ],
  'take-over': [
    'take-over NAME --version VER',
    'sends all traffic to VER without erasing the split (restore brings it back)',
  ],
  restore: ['restore NAME', 'clears a take-over: the split comes back'],
  pause: ['pause NAME', 'holds the job where it is (steps and gates wait)'],
  resume: ['resume NAME', 'continues a paused job (and restores routes after a Conflict)'],
  promote: ['promote NAME [--full]', 'moves to the next step, or with --full to 100 % at once'],
  rollback: ['rollback NAME', 'sends all traffic back to the stable version'],
  offline: [
    'offline NAME --keep VER',
    'keeps VER, removes the other version, its routes and subset; the job stays as the record',
  ],
};

export const jobCommonFlags =
  'Every verb takes -n NS, --kubeconfig FILE and, where it prints, -o json|yaml. The cluster is found as kubectl finds it.';

/** `--help` or `-h` among a verb's words: print its usage instead of running it. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.slice(1).some((word) => word === '--help' || word === '-h');
}

export interface JobArgs {
  verb: JobVerb;
  name?: string;
  namespace: string;
  kubeconfig?: string;
  output?: 'json' | 'yaml';
  service?: string;
  version?: string;
  stable?: string;
  image?: string;
  container?: string;
  mode?: 'canary' | 'bluegreen' | 'mirror';
  weight?: number;
  replicas?: number;
  env?: { name: string; value: string }[];
  keep?: string;
  full: boolean;
  adopt: boolean;
}

const options = {
  namespace: { type: 'string', short: 'n' },
  kubeconfig: { type: 'string' },
  output: { type: 'string', short: 'o' },
  service: { type: 'string' },
  version: { type: 'string' },
  stable: { type: 'string' },
  image: { type: 'string' },
  container: { type: 'string' },
  mode: { type: 'string' },
  weight: { type: 'string' },
  replicas: { type: 'string' },
  env: { type: 'string', multiple: true },
  keep: { type: 'string' },
  full: { type: 'boolean' },
  adopt: { type: 'boolean' },
} as const;

function integer(
  flag: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  return Number(text);
}

/** Parses the words after `aviary job`. */
export function parseJobArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): JobArgs {
  const [verb, ...rest] = argv;
  if (!verb || !(jobVerbs as readonly string[]).includes(verb))
    throw new UsageError(`job needs a verb: ${jobVerbs.join(', ')}`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('. ')[0] ?? String(error));
  }
  const v = parsed.values;
  const name = parsed.positionals[0];
  if (verb !== 'list' && !name) throw new UsageError(`job ${verb} needs the job's NAME`);
  if (parsed.positionals.length > 1)
    throw new UsageError(`unexpected argument "${parsed.positionals[1]}"`);
  if (v.output !== undefined && v.output !== 'json' && v.output !== 'yaml')
    throw new UsageError(`-o must be json or yaml, got "${v.output}"`);
  if (v.mode !== undefined && !['canary', 'bluegreen', 'mirror'].includes(v.mode))
    throw new UsageError(`--mode must be canary, bluegreen or mirror, got "${v.mode}"`);
  const envVars = (v.env ?? []).map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--env takes KEY=VALUE, got "${pair}"`);
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
  const args: JobArgs = {
    verb: verb as JobVerb,
    name,
    namespace: v.namespace ?? env.AVIARY_NAMESPACE ?? 'default',
    kubeconfig: v.kubeconfig,
    output: v.output as JobArgs['output'],
    service: v.service,
    version: v.version,
    stable: v.stable,
    image: v.image,
    container: v.container,
    mode: v.mode as JobArgs['mode'],
    weight: integer('weight', v.weight, 0, 100),
    replicas: integer('replicas', v.replicas, 0, 1000),
    env: envVars.length ? envVars : undefined,
    keep: v.keep,
    full: v.full ?? false,
    adopt: v.adopt ?? false,
  };
  const need = (flag: keyof JobArgs, why: string) => {
    if (args[flag] === undefined) throw new UsageError(`job ${verb} needs --${flag} ${why}`);
  };
  if (verb === 'create') {
    need('service', 'SVC');
    need('version', 'VER');
    if (!args.adopt) need('image', 'IMAGE (or --adopt, to route to an existing SVC-VER as it is)');
    const withAdopt = (['image', 'replicas', 'env', 'container'] as const).filter(
      (flag) => args[flag] !== undefined,
    );
    if (args.adopt && withAdopt.length > 0)
      throw new UsageError(
        `--adopt takes ${args.service}-${args.version} as it is (Aviary never changes it): ${withAdopt.map((f) => `--${f}`).join(', ')} cannot go with it`,
      );
  }
  if (verb === 'set-weight') need('weight', 'PERCENT_TO_NEW');
  if (verb === 'take-over') need('version', 'VER');
  if (verb === 'offline') need('keep', 'VER');
  return args;
}
