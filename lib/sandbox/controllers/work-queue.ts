/**
 * A rate-limited work queue of object keys, after client-go's `workqueue`: a key waits in the
 * queue at most once however often it is added; a key being processed is not processed twice at
 * the same time, and is processed again afterwards if it was added meanwhile; failures are
 * retried with exponential backoff; delayed adds keep the earliest deadline.
 */

/** What a handler wants next for its key. */
export type WorkResult = 'done' | 'retry' | { afterMs: number };

export interface WorkQueueOptions {
  /** Keys processed at the same time (never the same key twice). */
  concurrency?: number;
  /** First retry delay; doubled per consecutive failure of a key. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called when a handler throws; the key is then retried with backoff. */
  onError?: (error: unknown, key: string) => void;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private head = 0;
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();
  private active = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private scheduled = false;

  constructor(
    private readonly handler: (key: string) => Promise<WorkResult> | WorkResult,
    private readonly options: WorkQueueOptions = {},
  ) {}

  /** Queues `key` unless it is already waiting. */
  add(key: string): void {
    if (this.stopped || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (!this.processing.has(key)) {
      this.queue.push(key);
      this.schedule();
    }
  }

  /** Queues `key` after `ms`; an earlier pending deadline for the key wins. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) return this.add(key);
    const at = Date.now() + ms;
    const pending = this.timers.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms);
    // Timers must not keep a process alive that has nothing else to do.
    timer.unref?.();
    this.timers.set(key, { at, timer });
  }

  /** Queues `key` after its backoff delay: base * 2^(failures), capped. */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    const delay = Math.min(
      (this.options.baseDelayMs ?? 5) * 2 ** failures,
      this.options.maxDelayMs ?? 30_000,
    );
    this.addAfter(key, delay);
  }

  /** Number of consecutive failures recorded for `key`. */
  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  /** Nothing queued, scheduled or being processed. */
  get isIdle(): boolean {
    return this.length === 0 && this.active === 0 && !this.scheduled;
  }

  /** Resolves when nothing is queued or being processed (delayed keys do not count). */
  idle(): Promise<void> {
    if (this.length === 0 && this.active === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking keys, cancels delayed ones, and resolves once running handlers have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.head = 0;
    this.dirty.clear();
    await this.idle();
  }

  /**
   * Handlers run on a later turn of the event loop, never inside `add`: a handler's own writes
   * (seen through write-through caches) can then add keys without re-entering a handler.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 1;
    while (!this.stopped && this.active < concurrency && this.length > 0) {
      const key = this.queue[this.head++] as string;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.dirty.delete(key);
      this.processing.add(key);
      this.active++;
      void this.process(key);
    }
    if (this.active === 0 && this.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async process(key: string): Promise<void> {
    let result: WorkResult;
    try {
      result = await this.handler(key);
    } catch (error) {
      this.options.onError?.(error, key);
      result = 'retry';
    }
    this.processing.delete(key);
    this.active--;
    if (result === 'retry') {
      this.addRateLimited(key);
    } else {
      this.failures.delete(key);
      if (typeof result === 'object') this.addAfter(key, result.afterMs);
    }
    if (this.dirty.has(key) && !this.stopped) this.queue.push(key);
    this.schedule();
  }
}
