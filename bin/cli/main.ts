import { describeOptions, parseOptions } from './options';
import { commandTable } from './command-table';
import { CommandFailure, UsageError } from './cli-errors';

function overview(): string {
  const names = Object.keys(commandTable);
  const width = Math.max(...names.map((name) => name.length));
  return [
    'usage: aviary COMMAND [FLAGS]   (from a checkout: npm run aviary -- COMMAND [FLAGS])',
    '',
    'Grayscale releases on an Istio service mesh.',
    '',
    'commands:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${commandTable[name]!.summary}`),
    '',
    'Run `aviary COMMAND --help` for the flags of a command.',
  ].join('\n');
}

/** Runs `aviary ARGV...`; resolves to the exit code (2 for a usage mistake). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(commandTable, name) ? commandTable[name] : undefined;
  if (!entry) {
    console.error(
      `aviary: unknown command "${name}"; commands are: ${Object.keys(commandTable).join(', ')}`,
    );
    return 2;
  }
  const { command } = await entry.load();
  const subcommand = rest[0] !== undefined ? command.subcommands?.[rest[0]] : undefined;
  // Verbs below a command (`aviary job list`) parse their own arguments and fail the same way.
  if (subcommand) return reportingFailures(name, () => subcommand(rest.slice(1)));
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(
      [
        `usage: aviary ${name} [FLAGS]`,
        '',
        `${entry.summary}.`,
        '',
        'flags:',
        describeOptions(command.options),
        '',
        command.description,
      ].join('\n'),
    );
    return 0;
  }
  return reportingFailures(name, () => command.run(parseOptions(command.options, rest)));
}

/**
 * Runs a command, printing why it failed: a usage mistake in one line with a pointer to --help
 * (exit 2), a failure the command understands as its message alone (1), anything else with its
 * stack (1).
 */
async function reportingFailures(name: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`aviary ${name}: ${error.message} (see aviary ${name} --help)`);
      return 2;
    }
    if (error instanceof CommandFailure) {
      console.error(`aviary ${name}: ${error.message}`);
      return 1;
    }
    console.error(
      `aviary ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}
