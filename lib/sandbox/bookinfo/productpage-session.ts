/**
 * productpage's sign-in session, shaped like the Flask session cookie of the real sample: the
 * signed-in user as base64url JSON plus an HMAC, so a client cannot make itself another user by
 * editing the cookie. Istio's request-routing task relies on what productpage derives from it: the
 * `end-user` header.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseCookies } from './http-util';

export const sessionCookieName = 'session';

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function sessionCookieValue(user: string, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ user })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The signed-in user of a request's cookies, or undefined (no, bad or forged session). */
export function sessionUser(cookieHeader: string | undefined, secret: string): string | undefined {
  const value = parseCookies(cookieHeader).get(sessionCookieName);
  const dot = value?.lastIndexOf('.') ?? -1;
  if (!value || dot <= 0) return undefined;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(payload, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const user = (
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { user?: unknown }
    ).user;
    return typeof user === 'string' && user !== '' ? user : undefined;
  } catch {
    return undefined;
  }
}
