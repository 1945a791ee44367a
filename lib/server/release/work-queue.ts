import 'server-only';

/** One timed entry of the heap; stale once the key's due time has changed or it has run. */
interface Timed {
  key: string;
  at: number;
}

/** A binary min-heap by due time: O(log n) push and pop. */
class DueHeap {
  private readonly items: Timed[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Timed | undefined {
    return this.items[0];
  }

  push(item: Timed): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.at <= item.at) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  pop(): Timed | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]!.at < items[left]!.at ? right : left;
      if (items[child]!.at >= last.at) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}

/** A FIFO of keys with O(1) push and shift (an array with a moving head, compacted now and then). */
class KeyFifo {
  private items: string[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(key: string): void {
    this.items.push(key);
  }

  shift(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head++];
    if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return key;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

/**
 * A work queue keyed by job ("namespace/name"): a key queued twice runs once, a key never runs
 * twice at the same time, and failures come back with exponential backoff (as client-go's
 * rate-limited queue does), reset by the next success.
 *
 * Keys wait in a heap by due time; once due they move to one of two lanes, keys that have never
 * run and keys that have (timed requeues, retries, events about a job already seen), and the
 * lanes take turns. A job waiting for its second reconcile is so never starved behind thousands of
 * jobs not yet started (as a single queue by due time did: nothing converged until all had started).
 */
export class WorkQueue {
  /** Every queued key (waiting or due) and the time it is due at. */
  private readonly due = new Map<string, number>();
  private readonly heap = new DueHeap();
  private readonly fresh = new KeyFifo();
  private readonly again = new KeyFifo();
  /** Keys in a lane (their heap entry taken). */
  private readonly inLane = new Set<string>();
  /** Keys due while they were running: back to a lane when the run ends. */
  private readonly heldBack = new Set<string>();
  /** Keys that have run in this term, for the choice of lane. */
  private readonly ran = new Set<string>();
  private preferAgain = false;
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private active = 0;
  private stopped = false;
  /** Paused while the controller does not hold the Lease: nothing runs, nothing is queued. */
  private paused = false;
  private idleWaiters: (() => void)[] = [];
  private stopWaiters: (() => void)[] = [];

  constructor(
    private readonly work: (key: string) => Promise<{ requeueAfterMs?: number }>,
    private readonly options: {
      concurrency?: number;
      baseBackoffMs?: number;
      maxBackoffMs?: number;
      onError?: (key: string, error: unknown) => void;
    } = {},
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

  /** Whether `key` is queued (now or for later) or running: a resync leaves such keys alone. */
  has(key: string): boolean {
    return this.due.has(key) || this.running.has(key);
  }

  /** Whether `key` waits to run now (due, not started): a resync still draining has such keys. */
  isDue(key: string): boolean {
    return (this.due.get(key) ?? Infinity) <= Date.now();
  }

  /** Forgets that `key` ever ran (its job is gone), so that the set of keys seen does not grow forever. */
  forget(key: string): void {
    this.ran.delete(key);
  }

  private schedule(key: string, delayMs: number): void {
    const at = Date.now() + delayMs;
    const current = this.due.get(key);
    if (current === undefined || at < current) {
      this.due.set(key, at);
      // The entry for the later time, if any, is now stale and skipped when it comes up.
      if (!this.inLane.has(key) && !this.heldBack.has(key)) this.heap.push({ key, at });
    }
    this.pump();
  }

  /** Moves the keys that are due from the heap to their lane. */
  private promote(now: number): void {
    for (let top = this.heap.peek(); top !== undefined && top.at <= now; top = this.heap.peek()) {
      this.heap.pop();
      const { key, at } = top;
      if (this.due.get(key) !== at || this.inLane.has(key) || this.heldBack.has(key)) continue;
      this.enterLane(key);
    }
  }

  private enterLane(key: string): void {
    this.inLane.add(key);
    (this.ran.has(key) ? this.again : this.fresh).push(key);
  }

  /** The next key to run, the two lanes taking turns. */
  private nextKey(): string | undefined {
    const first = this.preferAgain ? this.again : this.fresh;
    const lane = first.size > 0 ? first : this.preferAgain ? this.fresh : this.again;
    const key = lane.shift();
    if (key !== undefined) this.preferAgain = lane === this.fresh;
    return key;
  }

  /** The due time of the first live heap entry (stale ones dropped on the way). */
  private nextDue(): number {
    for (let top = this.heap.peek(); top !== undefined; top = this.heap.peek()) {
      if (
        this.due.get(top.key) === top.at &&
        !this.inLane.has(top.key) &&
        !this.heldBack.has(top.key)
      )
        return top.at;
      this.heap.pop();
    }
    return Infinity;
  }

  private pump(): void {
    if (this.stopped || this.paused) {
      // Whoever waits for idle must not wait for work that will never run.
      if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    const now = Date.now();
    this.promote(now);
    const limit = this.options.concurrency ?? 2;
    while (this.active < limit) {
      const key = this.nextKey();
      if (key === undefined) break;
      this.inLane.delete(key);
      if (this.running.has(key)) {
        // Due while it runs: it goes back to a lane once this run ends.
        this.heldBack.add(key);
        continue;
      }
      this.due.delete(key);
      void this.run(key);
    }
    const next = this.nextDue();
    if (next !== this.timerAt) {
      clearTimeout(this.timer);
      this.timerAt = next;
      this.timer = Number.isFinite(next)
        ? setTimeout(
            () => {
              this.timerAt = Infinity;
              this.pump();
            },
            Math.max(0, next - Date.now()),
          )
        : undefined;
    }
    // Idle as idle() says: nothing runs and nothing is due now; keys queued for later (a resync,
    // a requeue) do not count, or a waiter would wait for ever beside a job that polls.
    const nothingDue =
      this.fresh.size === 0 &&
      this.again.size === 0 &&
      this.heldBack.size === 0 &&
      next > Date.now();
    if (this.active === 0 && nothingDue)
      for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async run(key: string): Promise<void> {
    this.active += 1;
    this.running.add(key);
    this.ran.add(key);
    try {
      const { requeueAfterMs } = await this.work(key);
      this.failures.delete(key);
      if (requeueAfterMs !== undefined && !this.stopped && !this.paused)
        this.schedule(key, requeueAfterMs);
    } catch (error) {
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      this.options.onError?.(key, error);
      const base = this.options.baseBackoffMs ?? 100;
      if (!this.stopped && !this.paused)
        this.schedule(
          key,
          Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** (failures - 1)),
        );
    } finally {
      this.running.delete(key);
      this.active -= 1;
      if (this.heldBack.delete(key) && this.due.has(key)) this.enterLane(key);
      if (this.dirty.delete(key) && !this.stopped && !this.paused) this.schedule(key, 0);
      this.pump();
      // Waiters exist only after stop or pause; resolve them even if resume came in between.
      if (this.active === 0) for (const resolve of this.stopWaiters.splice(0)) resolve();
    }
  }

  /** Resolves when nothing is due now and nothing runs (keys queued for later do not count). */
  idle(): Promise<void> {
    const busy =
      this.active > 0 ||
      this.fresh.size > 0 ||
      this.again.size > 0 ||
      this.heldBack.size > 0 ||
      this.nextDue() <= Date.now();
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
    this.ran.clear();
    return this.drain();
  }

  /** Accepts keys again after `pause` (a stopped queue stays stopped). */
  resume(): void {
    this.paused = false;
  }

  private drain(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    this.due.clear();
    this.heap.clear();
    this.fresh.clear();
    this.again.clear();
    this.inLane.clear();
    this.heldBack.clear();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    return this.active === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.stopWaiters.push(resolve));
  }
}
