import type { CliCommand } from './command';

/**
 * Every `aviary` subcommand: its one-line summary (for `aviary --help`) and how to load it. Loading
 * is lazy so that `aviary demo` never pays for what another command imports. Add a command with a
 * file in ./commands and one line here.
 */
export const commandTable: Record<
  string,
  { summary: string; load: () => Promise<{ command: CliCommand }> }
> = {
  sandbox: {
    summary:
      'run the embedded sandbox cluster (Kubernetes API, controllers, demo project) until Ctrl-C',
    load: () => import('./commands/sandbox'),
  },
  demo: {
    summary: 'run the sandbox, the demo accounts and the console on this machine until Ctrl-C',
    load: () => import('./commands/demo'),
  },
  job: {
    summary:
      'create and drive release jobs (create, edit, list, get, set-weight, take-over, restore, pause, resume, promote, rollback, offline)',
    load: () => import('./commands/job'),
  },
  traffic: {
    summary:
      "send steady requests to Bookinfo's productpage and print what answered (statuses, reviews versions) until Ctrl-C",
    load: () => import('./commands/traffic'),
  },
  user: {
    summary: "manage the console's built-in accounts in the cluster (add, passwd, delete, list)",
    load: () => import('./commands/user'),
  },
  controller: {
    summary: 'run the release controller alone, against the cluster kubectl would use',
    load: () => import('./commands/controller'),
  },
};
