import 'server-only';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are kept only as scrypt hashes (node:crypto), in the form
 * `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` so that the cost can be raised later without
 * breaking stored hashes. N=2^15, r=8, p=1 takes about 50-100 ms here: slow for a guesser,
 * fine for a sign-in.
 */

const defaults = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      keyLength,
      { ...options, maxmem: 256 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, defaults);
  const { N, r, p } = defaults;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length !== 5) return false;
  const [N, r, p] = rest.slice(0, 3).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const salt = Buffer.from(rest[3] ?? '', 'base64');
  const expected = Buffer.from(rest[4] ?? '', 'base64');
  if (expected.length !== keyLength) return false;
  const actual = await derive(password, salt, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of no one's password, checked when the account does not exist, so that an unknown user
 * and a wrong password take the same time to answer.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString('base64url'));
  return decoy;
}

/** A password for a new or reset account: 20 characters from an unambiguous alphabet (~115 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  // 256 % 56 != 0 leaves a tiny bias; 20 characters keep over 110 bits regardless.
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
