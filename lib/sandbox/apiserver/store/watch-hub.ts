import { expired } from '../errors';
import type { StoreEvent } from './stored-object';

export interface WatchSubscription {
  storageKey: string;
  /** Only events of this namespace ("" for all). */
  namespace: string;
  deliver(events: StoreEvent[]): void;
}

interface ActiveSubscription {
  subscription: WatchSubscription;
  /** Only events after this resourceVersion reach the subscriber (it has seen the rest). */
  afterRv: number;
}

/**
 * Fans store events out to watchers and keeps a bounded history so a watch can resume from a
 * resourceVersion. Events are delivered in batches on the next turn of the event loop, never inside
 * the write that made them, in resourceVersion order.
 */
export class WatchHub {
  private readonly history: StoreEvent[] = [];
  private readonly subscribers = new Map<string, Map<WatchSubscription, ActiveSubscription>>();
  private pending: StoreEvent[] = [];
  private flushScheduled = false;
  /** Events with rv > historyStart are in `history`; a resume from older is 410 Expired. */
  private historyStart: number;

  constructor(
    currentRv: number,
    private readonly capacity = 50_000,
  ) {
    this.historyStart = currentRv;
  }

  publish(events: StoreEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) this.history.push(event);
    // Trimmed a quarter at a time: a splice at the front moves every element, and one per write
    // with a full history took 43 % of the sandbox's CPU at 10,000 release jobs.
    const excess = this.history.length - this.capacity;
    if (excess >= Math.max(1, this.capacity / 4)) {
      this.historyStart = this.history[excess - 1]!.rv;
      this.history.splice(0, excess);
    }
    this.pending.push(...events);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * Subscribes to the events after `fromRv` and returns those already flushed, which the
   * subscriber must replay first; later ones arrive through `deliver`. Throws 410 Expired when
   * `fromRv` is older than the kept history.
   */
  subscribe(subscription: WatchSubscription, fromRv: number): StoreEvent[] {
    if (fromRv < this.historyStart) {
      throw expired(`too old resource version: ${fromRv} (${this.historyStart})`);
    }
    // Pending events are in the history already and will be flushed to this subscriber too.
    const pendingFrom = this.pending.length > 0 ? this.pending[0]!.rv : Infinity;
    const replay = this.history.filter(
      (e) =>
        e.rv > fromRv &&
        e.rv < pendingFrom &&
        e.storageKey === subscription.storageKey &&
        (subscription.namespace === '' || e.namespace === subscription.namespace),
    );
    let active = this.subscribers.get(subscription.storageKey);
    if (!active) this.subscribers.set(subscription.storageKey, (active = new Map()));
    active.set(subscription, { subscription, afterRv: fromRv });
    return replay;
  }

  unsubscribe(subscription: WatchSubscription): void {
    this.subscribers.get(subscription.storageKey)?.delete(subscription);
  }

  subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    const byKey = new Map<string, StoreEvent[]>();
    for (const event of batch) {
      let list = byKey.get(event.storageKey);
      if (!list) byKey.set(event.storageKey, (list = []));
      list.push(event);
    }
    for (const [key, events] of byKey) {
      const subs = this.subscribers.get(key);
      if (!subs) continue;
      for (const { subscription: sub, afterRv } of [...subs.values()]) {
        const mine = events.filter(
          (e) => e.rv > afterRv && (sub.namespace === '' || e.namespace === sub.namespace),
        );
        if (mine.length > 0) sub.deliver(mine);
      }
    }
  }
}
