import 'server-only';
import { ApiError } from './api-error';

/** The cookies a request carries, by name (first one wins, as browsers send the most specific first). */
export function requestCookies(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
  httpOnly?: boolean;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'SameSite=Lax',
    ...(options.httpOnly === false ? [] : ['HttpOnly']),
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * The address a request came from, for throttling sign-ins. Next.js puts the peer's address last
 * in X-Forwarded-For; a proxy in front appends its own view after whatever the client claimed, so
 * the last entry is the one nobody outside could forge.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || request.headers.get('x-real-ip') || 'unknown';
}

/**
 * A mutating request must come from the console's own pages (or from a program that sends no
 * Origin, which a browser never omits on a cross-site write): refuses other origins with 403.
 */
export function checkOrigin(request: Request, publicOrigin: string | undefined): void {
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite === 'cross-site') {
    throw new ApiError('Forbidden', 'cross-site requests may not change anything');
  }
  if (origin === null) return;
  const own = new Set([new URL(request.url).origin]);
  const host = request.headers.get('host');
  if (host) own.add(`${new URL(request.url).protocol}//${host}`);
  if (publicOrigin) own.add(publicOrigin);
  if (!own.has(origin)) {
    throw new ApiError(
      'Forbidden',
      `requests from ${origin} may not change anything: use the console's own origin`,
    );
  }
}

/** The body as text, refusing (413) one larger than `maxBytes` without reading all of it. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '');
  const tooLarge = () =>
    new ApiError('PayloadTooLarge', `the request body must be at most ${maxBytes} bytes`);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = (value.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}
