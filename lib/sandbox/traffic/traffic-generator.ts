/**
 * A steady stream of requests at a fixed rate, as the walkthrough's `watch -n 0.5 curl ...` makes
 * but without waiting for each answer: request n is due at start + n / rate, so a slow answer
 * does not slow the stream (open loop, like real users). It counts answers per window and hands
 * each window to `onWindow`. Time comes from `clock`, so tests drive it without waiting.
 */
import { reviewsSeenOnPage } from './reviews-version';
import { addCount, emptyWindow, mergeWindow, type TrafficWindow } from './traffic-tally';

/** The clock and timers the generator uses; `systemClock` in production, a manual one in tests. */
export interface TrafficClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: TrafficClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface TrafficAnswer {
  status: number;
  body: string;
}

/** Sends one request; rejects when no answer came (refused, reset, timed out). */
export type SendRequest = () => Promise<TrafficAnswer>;

export interface TrafficGeneratorOptions {
  ratePerSecond: number;
  send: SendRequest;
  clock?: TrafficClock;
  /** Length of a summary window (5 s by default). */
  windowMs?: number;
  onWindow?: (window: TrafficWindow) => void;
  /** Beyond this many unanswered requests, due ones are skipped (and counted) instead of piling up. */
  maxInFlight?: number;
  /** What a successful answer showed; the reviews version of a productpage by default. */
  classify?: (answer: TrafficAnswer) => string;
}

export interface TrafficGenerator {
  /** Everything so far, all windows merged (latencies are only kept per window). */
  readonly totals: TrafficWindow;
  /** Stops sending, waits for the answers still due, emits the last window; resolves to the totals. */
  stop(): Promise<TrafficWindow>;
}

/** A late timer (a suspended laptop, a busy event loop) does not turn into a burst past this. */
const maxCatchUpMs = 1_000;

export function startTrafficGenerator(options: TrafficGeneratorOptions): TrafficGenerator {
  if (!(options.ratePerSecond > 0))
    throw new Error(`rate must be above 0 requests per second, got ${options.ratePerSecond}`);
  const clock = options.clock ?? systemClock;
  const intervalMs = 1000 / options.ratePerSecond;
  const windowMs = options.windowMs ?? 5_000;
  const maxInFlight = options.maxInFlight ?? Math.max(16, Math.ceil(options.ratePerSecond * 10));
  const classify = options.classify ?? ((answer: TrafficAnswer) => reviewsSeenOnPage(answer.body));
  const started = clock.now();
  const totals = emptyWindow(started);
  let window = emptyWindow(started);
  let nextDueMs = started;
  let inFlight = 0;
  let stopped = false;
  const pending = new Set<Promise<void>>();

  const fire = () => {
    if (inFlight >= maxInFlight) {
      window.skipped++;
      return;
    }
    inFlight++;
    window.sent++;
    const sentAt = clock.now();
    const done = options
      .send()
      .then(
        (answer) => {
          // Counted in the window that is open when the answer arrives: that is when it is seen.
          window.latenciesMs.push(clock.now() - sentAt);
          addCount(window.byStatus, String(answer.status));
          if (answer.status >= 200 && answer.status < 300)
            addCount(window.byReviews, classify(answer));
        },
        () => addCount(window.byStatus, 'error'),
      )
      .finally(() => {
        inFlight--;
        pending.delete(done);
      });
    pending.add(done);
  };

  let sendTimer: unknown;
  const tick = () => {
    if (stopped) return;
    const now = clock.now();
    if (now - nextDueMs > maxCatchUpMs) nextDueMs = now;
    while (nextDueMs <= now) {
      fire();
      nextDueMs += intervalMs;
    }
    sendTimer = clock.setTimeout(tick, nextDueMs - now);
  };

  const closeWindow = () => {
    window.endMs = clock.now();
    mergeWindow(totals, window);
    const closed = window;
    window = emptyWindow(window.endMs);
    options.onWindow?.(closed);
  };
  let windowTimer: unknown;
  const windowTick = () => {
    closeWindow();
    windowTimer = clock.setTimeout(windowTick, windowMs);
  };

  tick();
  windowTimer = clock.setTimeout(windowTick, windowMs);

  return {
    totals,
    async stop() {
      if (!stopped) {
        stopped = true;
        clock.clearTimeout(sendTimer);
        clock.clearTimeout(windowTimer);
        await Promise.all([...pending]);
        closeWindow();
      }
      return totals;
    },
  };
}
