import 'server-only';

/**
 * Slows down password guessing: after `freeFailures` failed sign-ins for one key (an account name,
 * or a client address) within `windowMs`, each further attempt must wait, doubling from 1 s up to
 * `maxDelayMs`. A success clears the account's key. In memory, per console replica: enough to make
 * guessing slow, without a store that an attacker could fill.
 */
export interface ThrottleOptions {
  freeFailures: number;
  windowMs: number;
  maxDelayMs: number;
  /** Keys kept at most; the oldest are forgotten first. */
  maxKeys: number;
}

const defaults: ThrottleOptions = {
  freeFailures: 5,
  windowMs: 15 * 60_000,
  maxDelayMs: 15 * 60_000,
  maxKeys: 10_000,
};

interface Entry {
  failures: number;
  firstFailureAt: number;
  blockedUntil: number;
}

export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly options: ThrottleOptions;

  constructor(
    options: Partial<ThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaults, ...options };
  }

  /** Seconds to wait before another attempt for any of `keys`, or 0 when one may try now. */
  retryAfterSeconds(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const entry = this.current(key, now);
      if (entry && entry.blockedUntil > now) wait = Math.max(wait, entry.blockedUntil - now);
    }
    return Math.ceil(wait / 1000);
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      const entry = this.current(key, now) ?? { failures: 0, firstFailureAt: now, blockedUntil: 0 };
      entry.failures += 1;
      const over = entry.failures - this.options.freeFailures + 1;
      if (over > 0) {
        entry.blockedUntil = now + Math.min(1000 * 2 ** (over - 1), this.options.maxDelayMs);
      }
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    while (this.entries.size > this.options.maxKeys) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const windowOver = now - entry.firstFailureAt > this.options.windowMs;
    if (windowOver && entry.blockedUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
