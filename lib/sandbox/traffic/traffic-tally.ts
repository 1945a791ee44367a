/**
 * Counts of what the traffic generator saw in one window: answers by status, the reviews version
 * each page showed, latencies; and the one-line summary printed for it.
 */

export interface TrafficWindow {
  /** Start and end of the window on the generator's clock (ms). */
  startMs: number;
  endMs: number;
  sent: number;
  /** Requests not sent because too many were still waiting for an answer. */
  skipped: number;
  /** Answers by HTTP status; "error" when none came (refused, reset, timed out). */
  byStatus: Record<string, number>;
  /** Successful pages by the reviews version they showed (see reviewsSeenOnPage). */
  byReviews: Record<string, number>;
  latenciesMs: number[];
}

export function emptyWindow(startMs: number): TrafficWindow {
  return {
    startMs,
    endMs: startMs,
    sent: 0,
    skipped: 0,
    byStatus: {},
    byReviews: {},
    latenciesMs: [],
  };
}

export function addCount(counts: Record<string, number>, key: string, amount = 1): void {
  counts[key] = (counts[key] ?? 0) + amount;
}

/** Adds `window` into `total` (total keeps its own start; latencies are not accumulated). */
export function mergeWindow(total: TrafficWindow, window: TrafficWindow): void {
  total.endMs = window.endMs;
  total.sent += window.sent;
  total.skipped += window.skipped;
  for (const [key, n] of Object.entries(window.byStatus)) addCount(total.byStatus, key, n);
  for (const [key, n] of Object.entries(window.byReviews)) addCount(total.byReviews, key, n);
}

function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');

/**
 * `sent 10 (2.0/s) | status 200 10 | reviews v1 6, v2 4 | p50 12 ms, p99 30 ms`: what a person
 * watching a release wants every few seconds, on one line.
 */
export function formatWindow(window: TrafficWindow): string {
  const seconds = Math.max(1e-3, (window.endMs - window.startMs) / 1000);
  const parts = [`sent ${window.sent} (${(window.sent / seconds).toFixed(1)}/s)`];
  if (window.skipped) parts.push(`skipped ${window.skipped} (too many waiting)`);
  parts.push(`status ${counts(window.byStatus) || '-'}`);
  parts.push(`reviews ${counts(window.byReviews) || '-'}`);
  if (window.latenciesMs.length) {
    const sorted = [...window.latenciesMs].sort((a, b) => a - b);
    parts.push(
      `p50 ${nearestRank(sorted, 50).toFixed(0)} ms, p99 ${nearestRank(sorted, 99).toFixed(0)} ms`,
    );
  }
  return parts.join(' | ');
}
