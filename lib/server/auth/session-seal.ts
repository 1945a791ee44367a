import 'server-only';
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';

/**
 * The session cookie's content, sealed (encrypted and signed) by iron-session: who is signed in,
 * when the session began and was last used, and, for a bearer-token sign-in, the token itself,
 * which thus stays inside the cookie, never readable by page scripts (HttpOnly) nor by anyone
 * without the session secret.
 */
export const sessionCookieName = 'aviary-session';

const sessionDataSchema = z.object({
  sid: z.string().min(16),
  via: z.enum(['account', 'token']),
  username: z.string(),
  /** Token sign-ins only: the groups SelfSubjectReview reported. */
  groups: z.array(z.string()).optional(),
  token: z.string().optional(),
  issuedAt: z.number(),
  lastSeenAt: z.number(),
});
export type SessionData = z.infer<typeof sessionDataSchema>;

export async function sealSession(
  data: SessionData,
  secret: string,
  ttlMs: number,
): Promise<string> {
  return sealData(data, { password: secret, ttl: Math.ceil(ttlMs / 1000) });
}

/** The session in a cookie value, or undefined when it is not one of ours, tampered with or expired. */
export async function unsealSession(
  value: string | undefined,
  secret: string,
  ttlMs: number,
): Promise<SessionData | undefined> {
  if (!value || value.length > 8192) return undefined;
  try {
    const data = await unsealData(value, { password: secret, ttl: Math.ceil(ttlMs / 1000) });
    const parsed = sessionDataSchema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Why a sealed session is no longer valid by time alone, or undefined when it still is. */
export function sessionExpiry(
  data: Pick<SessionData, 'issuedAt' | 'lastSeenAt'>,
  now: number,
  limits: { idleMs: number; maxMs: number },
): 'idle' | 'absolute' | undefined {
  if (now - data.issuedAt >= limits.maxMs) return 'absolute';
  if (now - data.lastSeenAt >= limits.idleMs) return 'idle';
  return undefined;
}
