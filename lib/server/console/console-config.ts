import 'server-only';
import { z } from 'zod';

/**
 * The console's configuration, from its environment, validated once with messages that say what
 * to set. The demo sets all of it; `npm start` against a real cluster needs at least
 * AVIARY_SESSION_SECRET.
 */
const configSchema = z.object({
  AVIARY_SESSION_SECRET: z
    .string({
      error:
        'AVIARY_SESSION_SECRET is not set: set it to a random string of at least 32 characters (for example `openssl rand -hex 32`); the demo makes one in its data directory',
    })
    .min(
      32,
      'AVIARY_SESSION_SECRET must be at least 32 characters long (for example `openssl rand -hex 32`)',
    ),
  AVIARY_SYSTEM_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .default('aviary-system'),
  AVIARY_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(8 * 60),
  AVIARY_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(24),
  /** The origin browsers use to reach the console when it sits behind a proxy (https://aviary.example.com). */
  AVIARY_PUBLIC_ORIGIN: z.url().optional(),
  /** Mark the session cookie Secure (on by default when AVIARY_PUBLIC_ORIGIN is https). */
  AVIARY_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
});

export interface ConsoleConfig {
  sessionSecret: string;
  systemNamespace: string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  publicOrigin?: string;
  cookieSecure: boolean;
}

export class ConsoleConfigError extends Error {
  override name = 'ConsoleConfigError';
}

export function parseConsoleConfig(env: Record<string, string | undefined>): ConsoleConfig {
  const parsed = configSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    throw new ConsoleConfigError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const value = parsed.data;
  const publicOrigin = value.AVIARY_PUBLIC_ORIGIN
    ? new URL(value.AVIARY_PUBLIC_ORIGIN).origin
    : undefined;
  return {
    sessionSecret: value.AVIARY_SESSION_SECRET,
    systemNamespace: value.AVIARY_SYSTEM_NAMESPACE,
    sessionIdleMs: value.AVIARY_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: value.AVIARY_SESSION_MAX_HOURS * 3_600_000,
    ...(publicOrigin ? { publicOrigin } : {}),
    cookieSecure:
      value.AVIARY_COOKIE_SECURE !== undefined
        ? value.AVIARY_COOKIE_SECURE === 'true'
        : publicOrigin?.startsWith('https:') === true,
  };
}

/** The public origin alone, for checks that must work before the rest of the configuration is valid. */
export function publicOriginFromEnv(
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const value = env.AVIARY_PUBLIC_ORIGIN;
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * At server start: a console without a valid configuration (no session secret, say) could not
 * keep anyone signed in, so it stops with one line saying what to set.
 */
export function exitUnlessConfigured(env: Record<string, string | undefined> = process.env): void {
  try {
    parseConsoleConfig(env);
  } catch (error) {
    console.error(`[aviary] the console cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
