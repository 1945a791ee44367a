import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The flags and positionals (a verb, a NAME) of a command line, as `parseArgs` answers them. */
export type CommandLine<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
>;

/**
 * Parses the arguments of a command that takes a verb or NAME besides its flags, strictly: an
 * unknown flag or a missing value answers a `mistake` instead of throwing, in the first sentence
 * of parseArgs' message (its messages are clear but long-winded).
 */
export function parseCommandLine<O extends OptionsConfig>(
  argv: string[],
  options: O,
): CommandLine<O> | { mistake: string } {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    return { mistake: (error as Error).message.split('. ')[0] ?? String(error) };
  }
}
