import type { OptionSpecs, OptionValues } from './options';

/**
 * One `aviary` subcommand. It declares its flags (with their `AVIARY_*` variables), so that
 * parsing, validation and `--help` come from one description, and `run` receives typed values.
 */
export interface CliCommand<S extends OptionSpecs = OptionSpecs> {
  /** Longer help below the options: what happens, what is printed, how it stops. */
  description: string;
  options: S;
  /** Resolves to the process exit code. */
  run(options: OptionValues<S>): Promise<number>;
  /**
   * Verbs below the command (`aviary sandbox user add ...`): when the first argument names one,
   * it receives the remaining arguments and parses them itself.
   */
  subcommands?: Record<string, (argv: string[]) => Promise<number>>;
}

/** Identity with types: lets a command's `run` see the parsed type of each of its options. */
export function defineCommand<S extends OptionSpecs>(command: CliCommand<S>): CliCommand<S> {
  return command;
}
