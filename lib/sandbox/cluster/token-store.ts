import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RequestUser } from '../apiserver/core/request-context';

const tokenEntrySchema = z.object({
  token: z.string().min(16),
  user: z.string().min(1),
  uid: z.string().optional(),
  groups: z.array(z.string()).default([]),
});
const tokenFileSchema = z.object({ tokens: z.array(tokenEntrySchema) });
export type TokenEntry = z.infer<typeof tokenEntrySchema>;

export const adminUserName = 'sandbox-admin';

export function tokensPath(dataDir: string): string {
  return join(dataDir, 'tokens.json');
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function readTokens(dataDir: string): TokenEntry[] {
  const path = tokensPath(dataDir);
  if (!existsSync(path)) return [];
  const parsed = tokenFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(`${path} is not a valid token file: ${parsed.error.issues[0]?.message}`);
  return parsed.data.tokens;
}

/** Writes the token file atomically (rename), readable by the owner only: it holds credentials. */
export function writeTokens(dataDir: string, tokens: TokenEntry[]): void {
  const path = tokensPath(dataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify({ tokens }, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** Adds (or replaces) a user's token and returns it. */
export function upsertToken(dataDir: string, user: string, groups: string[]): TokenEntry {
  const tokens = readTokens(dataDir).filter((t) => t.user !== user);
  const entry = { token: newToken(), user, groups };
  writeTokens(dataDir, [...tokens, entry]);
  return entry;
}

/** The admin's entry, created at first start; the admin is in system:masters. */
export function ensureAdminToken(dataDir: string): TokenEntry {
  const existing = readTokens(dataDir).find((t) => t.user === adminUserName);
  return existing ?? upsertToken(dataDir, adminUserName, ['system:masters']);
}

/**
 * Bearer-token authentication over the token file, re-read when the file changes so that
 * `aviary sandbox user add` works while the sandbox runs.
 */
export class TokenAuthenticator {
  private entries: TokenEntry[] = [];
  private loadedMtime = -1;
  private checkedAt = 0;

  constructor(private readonly dataDir: string) {
    this.reload();
  }

  userForToken(token: string): RequestUser | undefined {
    this.reloadIfChanged();
    const given = Buffer.from(token);
    for (const entry of this.entries) {
      const known = Buffer.from(entry.token);
      if (known.length === given.length && timingSafeEqual(known, given)) {
        const groups = entry.groups.includes('system:authenticated')
          ? entry.groups
          : [...entry.groups, 'system:authenticated'];
        return { name: entry.user, uid: entry.uid, groups };
      }
    }
    return undefined;
  }

  private reloadIfChanged(): void {
    const now = Date.now();
    if (now - this.checkedAt < 500) return;
    this.checkedAt = now;
    const mtime = existsSync(tokensPath(this.dataDir))
      ? statSync(tokensPath(this.dataDir)).mtimeMs
      : 0;
    if (mtime !== this.loadedMtime) this.reload();
  }

  private reload(): void {
    const path = tokensPath(this.dataDir);
    this.loadedMtime = existsSync(path) ? statSync(path).mtimeMs : 0;
    this.entries = readTokens(this.dataDir);
  }
}
