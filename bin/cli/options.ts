import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from './cli-errors';

/**
 * One flag of a command. Its value comes from the flag, else from `env`, else the schema's
 * default, and is always validated by `schema` (flags and environment give strings; booleans are
 * present or not).
 */
export interface OptionSpec<T = unknown> {
  flag: string;
  env?: string;
  kind: 'string' | 'boolean';
  /** Shown in help after the flag, e.g. `DIR`, `N`. */
  placeholder?: string;
  description: string;
  schema: z.ZodType<T>;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed value of every option of `S`, typed by each option's schema. */
export type OptionValues<S extends OptionSpecs> = { [K in keyof S]: z.output<S[K]['schema']> };

/** A TCP port given as text, with an error message a person can act on. */
export const portSchema = z
  .string()
  .regex(/^\d+$/, 'must be a port number (1-65535)')
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(1, 'must be a port number (1-65535)')
      .max(65535, 'must be a port number (1-65535)'),
  );

/** `--flag`, `ENV=1|true|yes` or nothing. */
export const switchSchema = z
  .union([z.boolean(), z.enum(['1', 'true', 'yes', '0', 'false', 'no', ''])])
  .transform((value) => value === true || value === '1' || value === 'true' || value === 'yes')
  .default(false);

/**
 * Parses `argv` for a command: unknown flags, positionals and invalid values are UsageErrors that
 * name the flag and its variable (`--console-port (AVIARY_CONSOLE_PORT) must be a port ...`).
 */
export function parseOptions<S extends OptionSpecs>(
  specs: S,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): OptionValues<S> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        Object.values(specs).map((spec) => [spec.flag, { type: spec.kind }]),
      ),
    });
  } catch (error) {
    // parseArgs' messages are clear but long-winded; keep their first sentence.
    throw new UsageError((error as Error).message.split('. ')[0] ?? String(error));
  }

  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const fromFlag = parsed.values[spec.flag];
    const fromEnv = spec.env && env[spec.env] !== '' ? env[spec.env] : undefined;
    const raw = fromFlag ?? fromEnv;
    const result = spec.schema.safeParse(raw);
    if (!result.success) {
      const source = fromFlag === undefined && spec.env ? spec.env : `--${spec.flag}`;
      const issue = result.error.issues[0]?.message ?? 'is invalid';
      throw new UsageError(`${source} ${issue}, got "${String(raw)}"`);
    }
    values[key] = result.data;
  }
  return values as OptionValues<S>;
}

/** The OPTIONS part of `--help`, one line per flag with its variable and default. */
export function describeOptions(specs: OptionSpecs): string {
  const rows = Object.values(specs).map((spec) => {
    const flag = `--${spec.flag}${spec.placeholder ? ` ${spec.placeholder}` : ''}`;
    const defaultValue = spec.schema.safeParse(undefined);
    const notes = [
      spec.env ? `env ${spec.env}` : undefined,
      // An optional flag "defaults" to undefined: nothing to show.
      defaultValue.success && defaultValue.data !== undefined && spec.kind === 'string'
        ? `default ${String(defaultValue.data)}`
        : undefined,
    ].filter(Boolean);
    return [flag, `${spec.description}${notes.length ? ` (${notes.join(', ')})` : ''}`] as const;
  });
  rows.push(['--help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`).join('\n');
}
