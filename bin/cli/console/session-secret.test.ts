import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@/test/support/temp-dir';
import { ensureSessionSecret } from './session-secret';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir('session-secret');
});
afterEach(() => dir.remove());

const secretFile = () => join(dir.path, 'session-secret');

describe('ensureSessionSecret', () => {
  it('makes 32 random bytes as hex in <data-dir>/session-secret, readable by its owner only', () => {
    const secret = ensureSessionSecret(dir.path);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(secretFile(), 'utf8')).toBe(`${secret}\n`);
    expect(statSync(secretFile()).mode & 0o777).toBe(0o600);
    // No temporary file left beside it.
    expect(readdirSync(dir.path)).toEqual(['session-secret']);
  });

  it('gives the same secret on every later start', () => {
    const first = ensureSessionSecret(dir.path);
    expect(ensureSessionSecret(dir.path)).toBe(first);
    expect(ensureSessionSecret(dir.path)).toBe(first);
  });

  it('makes a different secret for another data directory', () => {
    const other = makeTempDir('session-secret-other');
    try {
      expect(ensureSessionSecret(other.path)).not.toBe(ensureSessionSecret(dir.path));
    } finally {
      other.remove();
    }
  });

  it('narrows a widened mode back to 0600 and keeps the secret', () => {
    const secret = ensureSessionSecret(dir.path);
    chmodSync(secretFile(), 0o644);
    expect(ensureSessionSecret(dir.path)).toBe(secret);
    expect(statSync(secretFile()).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['empty', ''],
    ['too short', 'abcdef'],
    ['not hex', 'z'.repeat(64)],
  ])('refuses a file that holds no secret (%s) instead of replacing it', (_case, content) => {
    writeFileSync(secretFile(), content, { mode: 0o600 });
    expect(() => ensureSessionSecret(dir.path)).toThrow(
      `${secretFile()} does not hold a session secret (64 hex digits): remove it`,
    );
    expect(readFileSync(secretFile(), 'utf8')).toBe(content);
  });
});
