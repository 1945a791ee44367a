import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandFailure } from '../cli-errors';

/** 32 random bytes as 64 lowercase hex digits. */
const secretPattern = /^[0-9a-f]{64}$/;

/**
 * The demo console's session secret (AVIARY_SESSION_SECRET), made once and kept in
 * `<dataDir>/session-secret` (mode 0600), so that a restarted demo keeps everyone signed in.
 * Created through a temporary file and a hard link, so the file is either absent or whole, and a
 * second demo racing on the same directory reads the first one's secret instead of replacing it.
 * A file that does not hold a secret is refused rather than replaced: it is not ours.
 */
export function ensureSessionSecret(dataDir: string): string {
  const path = join(dataDir, 'session-secret');
  try {
    return readSecret(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('hex');
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600 });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readSecret(path);
  } finally {
    unlinkSync(temporary);
  }
  return secret;
}

function readSecret(path: string): string {
  const secret = readFileSync(path, 'utf8').trim();
  if (!secretPattern.test(secret)) {
    throw new CommandFailure(
      `${path} does not hold a session secret (64 hex digits): remove it and a new one is made (everyone signed in to the demo console is signed out)`,
    );
  }
  // Keep it private even if someone widened its mode.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return secret;
}
