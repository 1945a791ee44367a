import { stringify } from 'yaml';
import type { ReleaseJob, ReleaseJobSpec } from '@/lib/domain/release';
import * as ops from '@/lib/server/release/operations';
import { CommandFailure } from '../cli-errors';
import { loadClusterConfig } from '../cluster-config';
import { defineCommand } from '../command';
import {
  jobCommonFlags,
  jobVerbUsage,
  jobVerbs,
  parseJobArgs,
  wantsHelp,
  type JobArgs,
  type JobVerb,
} from './job-args';

/**
 * `aviary job VERB NAME ...`: drives release jobs through the same operations as the console, as
 * the user of the kubeconfig found as kubectl finds it. Every change is a spec change; the
 * controller does the rest.
 */

/** What a change verb printed when it was made, as kubectl says `created` or `scaled`. */
const changeDone: Record<Exclude<JobVerb, 'list' | 'get'>, string> = {
  create: 'created',
  edit: 'edited',
  'set-weight': 'weight set',
  'take-over': 'taken over',
  restore: 'restored',
  pause: 'paused',
  resume: 'resumed',
  promote: 'promoted',
  rollback: 'rolled back',
  offline: 'taken offline',
};

const modeOf = { canary: 'Canary', bluegreen: 'BlueGreen', mirror: 'Mirror' } as const;

/** As kubectl prints objects: without metadata.managedFields, which are for the API server. */
function withoutManagedFields(job: ReleaseJob): ReleaseJob {
  const { managedFields: _hidden, ...metadata } = job.metadata as ReleaseJob['metadata'] & {
    managedFields?: unknown;
  };
  return { ...job, metadata };
}

/** The split the mesh holds now (the first managed route, as the API server stored it): `v1:80,v2:20`. */
function trafficCell(job: ReleaseJob): string {
  const applied = job.status?.traffic?.[0]?.applied;
  if (!applied || Object.keys(applied).length === 0) return '-';
  return Object.entries(applied)
    .map(([version, weight]) => `${version}:${weight}`)
    .join(',');
}

function print(job: ReleaseJob | ReleaseJob[], output: JobArgs['output']): void {
  const shown = Array.isArray(job) ? job.map(withoutManagedFields) : withoutManagedFields(job);
  if (output === 'json') console.log(JSON.stringify(shown, null, 2));
  else if (output === 'yaml') console.log(stringify(shown));
  else {
    const jobs = Array.isArray(job) ? job : [job];
    const rows = [
      ['NAME', 'SERVICE', 'MODE', 'STABLE', 'NEW', 'TRAFFIC', 'PHASE', 'MESSAGE'],
      ...jobs.map((j) => [
        j.metadata.name,
        j.spec.service,
        j.spec.mode,
        j.spec.stableVersion,
        j.spec.newVersion.version,
        trafficCell(j),
        j.status?.phase ?? '-',
        j.status?.message ?? '',
      ]),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const row of rows)
      console.log(
        row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '),
      );
  }
}

/** Runs `aviary job ARGV...`; resolves to the exit code. */
export async function runJob(argv: readonly string[]): Promise<number> {
  if (wantsHelp(argv)) {
    const [usage, what] = jobVerbUsage[argv[0] as JobVerb];
    console.log(`usage: aviary job ${usage}\n\n${what}.\n\n${jobCommonFlags}`);
    return 0;
  }
  const args = parseJobArgs(argv);
  const kc = loadClusterConfig(args.kubeconfig);
  const ref = { namespace: args.namespace, name: args.name ?? '' };
  try {
    let job: ReleaseJob;
    switch (args.verb) {
      case 'list':
        print(await ops.listReleaseJobs(kc, args.namespace), args.output);
        return 0;
      case 'get':
        print(await ops.getReleaseJob(kc, args.namespace, ref.name), args.output ?? 'yaml');
        return 0;
      case 'create': {
        const spec: ReleaseJobSpec = {
          service: args.service!,
          mode: modeOf[args.mode ?? 'canary'],
          stableVersion: '',
          newVersion: {
            version: args.version!,
            ...(args.adopt ? { adopt: true } : { image: args.image! }),
            ...(args.container ? { container: args.container } : {}),
            ...(args.replicas !== undefined ? { replicas: args.replicas } : {}),
            ...(args.env ? { env: args.env } : {}),
          },
          ...(args.weight !== undefined ? { traffic: { weight: args.weight } } : {}),
        };
        job = await ops.createReleaseJob(kc, {
          namespace: args.namespace,
          name: ref.name,
          spec: {
            ...spec,
            stableVersion:
              args.stable ??
              (await ops.currentVersionOf(kc, args.namespace, args.service!, args.version!)),
          },
        });
        break;
      }
      case 'edit':
        job = await ops.editNewVersion(kc, ref, {
          ...(args.image ? { image: args.image } : {}),
          ...(args.replicas !== undefined ? { replicas: args.replicas } : {}),
          ...(args.env ? { env: args.env } : {}),
          ...(args.container ? { container: args.container } : {}),
        });
        break;
      case 'set-weight':
        job = await ops.setWeight(kc, ref, args.weight!);
        break;
      case 'take-over':
        job = await ops.takeOver(kc, ref, args.version!);
        break;
      case 'restore':
        job = await ops.restore(kc, ref);
        break;
      case 'pause':
        job = await ops.pause(kc, ref);
        break;
      case 'resume':
        job = await ops.resume(kc, ref);
        break;
      case 'promote':
        job = await ops.promote(kc, ref, { full: args.full });
        break;
      case 'rollback':
        job = await ops.rollback(kc, ref);
        break;
      case 'offline':
        job = await ops.offline(kc, ref, args.keep!);
        break;
    }
    if (args.output) print(job, args.output);
    else console.log(`releasejob.aviary.dev/${job.metadata.name} ${changeDone[args.verb]}`);
    return 0;
  } catch (error) {
    if (error instanceof ops.ReleaseError) throw new CommandFailure(error.message);
    throw error;
  }
}

export const command = defineCommand({
  options: {},
  description: [
    ...jobVerbs.map((verb) => `aviary job ${jobVerbUsage[verb][0]}`),
    jobCommonFlags,
  ].join('\n'),
  // Without a verb there is nothing to do: say how to use it.
  run: async () => {
    throw new CommandFailure(`a verb is needed: ${jobVerbs.join(', ')} (see aviary job --help)`);
  },
  subcommands: Object.fromEntries(
    jobVerbs.map((verb) => [verb, (argv: string[]) => runJob([verb, ...argv])]),
  ),
});
