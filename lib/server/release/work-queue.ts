import 'server-only';

/**
 * A work queue keyed by job ("namespace/name"): a key queued twice runs once, a key never runs
 * twice at the same time, and failures come back with exponential backoff (as client-go's
 * rate-limited queue does), reset by the next success.
 */
export class WorkQueue {
  private readonly due = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private active = 0;
  private stopped = false;
  /** Paused while the controller does not hold the Lease: nothing runs, nothing is queued. */
  private paused = false;
  private idleWaiters: (() => void)[] = [];
  private stopWaiters: (() => void)[] = [];

  constructor(
    private readonly work: (key: string) => Promise<{ requeueAfterMs?: number }>,
    private readonly options: { concurrency?: number; baseBackoffMs?: number; maxBackoffMs?: number; onError?: (key: string, error: unknown) => void } = {},
  ) {}

  /** Queues `key` to run after `delayMs` (sooner wins when it is already queued). */
  add(key: string, delayMs = 0): void {
    if (this.stopped || this.paused) return;
    if (this.running.has(key)) {
      if (delayMs === 0) this.dirty.add(key);
      else this.schedule(key, delayMs);
      return;
    }
    this.schedule(key, delayMs);
  }

  private schedule(key: string, delayMs: number): void {
    const at = Date.now() + delayMs;
    const current = this.due.get(key);
    if (current === undefined || at < current) this.due.set(key, at);
    this.pump();
  }

  private pump(): void {
    if (this.stopped || this.paused) {
      // Whoever waits for idle must not wait for work that will never run.
      if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    clearTimeout(this.timer);
    const now = Date.now();
    const limit = this.options.concurrency ?? 2;
    for (const [key, at] of [...this.due].sort((a, b) => a[1] - b[1])) {
      if (this.active >= limit) break;
      if (at > now || this.running.has(key)) continue;
      this.due.delete(key);
      void this.run(key);
    }
    const next = Math.min(...[...this.due.values()]);
    if (Number.isFinite(next)) this.timer = setTimeout(() => this.pump(), Math.max(0, next - Date.now()));
    if (this.active === 0 && this.due.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async run(key: string): Promise<void> {
    this.active += 1;
    this.running.add(key);
    try {
      const { requeueAfterMs } = await this.work(key);
      this.failures.delete(key);
      if (requeueAfterMs !== undefined && !this.stopped && !this.paused) this.schedule(key, requeueAfterMs);
    } catch (error) {
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      this.options.onError?.(key, error);
      const base = this.options.baseBackoffMs ?? 100;
      if (!this.stopped && !this.paused) this.schedule(key, Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** (failures - 1)));
    } finally {
      this.running.delete(key);
      this.active -= 1;
      if (this.dirty.delete(key) && !this.stopped && !this.paused) this.schedule(key, 0);
      this.pump();
      // Waiters exist only after stop or pause; resolve them even if resume came in between.
      if (this.active === 0) for (const resolve of this.stopWaiters.splice(0)) resolve();
    }
  }

  /** Resolves when nothing is due now and nothing runs (keys queued for later do not count). */
  idle(): Promise<void> {
    const busy = this.active > 0 || [...this.due.values()].some((at) => at <= Date.now());
    return busy ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  /**
   * Runs nothing more, and resolves once the reconciles already running have finished: a
   * controller shutting down must not write after stop returns.
   */
  stop(): Promise<void> {
    this.stopped = true;
    return this.drain();
  }

  /**
   * For a controller that lost its Lease: forgets every queued key (retries and timed requeues
   * included, since the new leader owns them now), ignores `add` until `resume`, and resolves once
   * the reconciles already running have finished. Nothing is kept for later: a leader that comes
   * back lists every job again.
   */
  pause(): Promise<void> {
    this.paused = true;
    this.failures.clear();
    this.dirty.clear();
    return this.drain();
  }

  /** Accepts keys again after `pause` (a stopped queue stays stopped). */
  resume(): void {
    this.paused = false;
  }

  private drain(): Promise<void> {
    clearTimeout(this.timer);
    this.due.clear();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.stopWaiters.push(resolve));
  }
}
