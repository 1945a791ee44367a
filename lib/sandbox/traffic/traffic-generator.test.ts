import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock';
import { startTrafficGenerator, type TrafficAnswer } from './traffic-generator';
import { formatWindow, type TrafficWindow } from './traffic-tally';

const page = (stars: '' | 'black' | 'red') =>
  `<h4>Book Reviews</h4><blockquote>${stars ? `<font color="${stars}"><span class="glyphicon glyphicon-star"></span></font>` : ''}</blockquote>`;

/** Lets answered promises run their callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('traffic generator', () => {
  it('sends at the given rate on its clock and counts what each page showed', async () => {
    const clock = new ManualClock();
    const bodies = [page(''), page('black'), page('red')];
    let n = 0;
    const windows: TrafficWindow[] = [];
    const generator = startTrafficGenerator({
      ratePerSecond: 2,
      clock,
      windowMs: 5_000,
      onWindow: (window) => windows.push(window),
      send: async () => ({ status: 200, body: bodies[n++ % 3]! }),
    });
    // Answers come at once: each is counted at the time it was sent (latency 0 on this clock).
    await settle();
    for (let step = 0; step < 20; step++) {
      clock.advance(500);
      await settle();
    }
    // Due at 0, 0.5, ..., 10.0 s: 21 requests; a window closes at 5 s and 10 s just before the
    // request due then (its timer is older), so the one at 10 s falls in the last, partial window.
    const totals = await generator.stop();
    expect(totals.sent).toBe(21);
    expect(windows.map((window) => window.sent)).toEqual([10, 10, 1]);
    expect(totals.byStatus).toEqual({ 200: 21 });
    expect(totals.byReviews).toEqual({ v1: 7, v2: 7, v3: 7 });
    expect(formatWindow(windows[0]!)).toBe(
      'sent 10 (2.0/s) | status 200 10 | reviews v1 4, v2 3, v3 3 | p50 0 ms, p99 0 ms',
    );
  });

  it('does not wait for slow answers, and skips rather than piles up past maxInFlight', async () => {
    const clock = new ManualClock();
    const answers: Array<(answer: TrafficAnswer) => void> = [];
    const generator = startTrafficGenerator({
      ratePerSecond: 10,
      clock,
      maxInFlight: 5,
      send: () => new Promise((resolve) => answers.push(resolve)),
    });
    clock.advance(950);
    expect(answers).toHaveLength(5);
    answers.splice(0).forEach((answer) => answer({ status: 503, body: 'no healthy upstream' }));
    await settle();
    clock.advance(300);
    answers.splice(0).forEach((answer) => answer({ status: 200, body: page('') }));
    const totals = await generator.stop();
    expect(totals).toMatchObject({
      sent: 8,
      skipped: 5,
      byStatus: { 200: 3, 503: 5 },
      byReviews: { v1: 3 },
    });
  });

  it('counts failures to connect as errors, and a late timer does not become a burst', async () => {
    const clock = new ManualClock();
    let sent = 0;
    const generator = startTrafficGenerator({
      ratePerSecond: 100,
      clock,
      send: async () => {
        sent++;
        throw new Error('connect ECONNREFUSED');
      },
    });
    // The clock jumps 60 s in one step (a suspended machine): at most one second is caught up.
    clock.jump(60_000);
    clock.advance(0);
    await settle();
    // One at 0 s, then one when the late timer runs: not the 6,000 that were due meanwhile.
    expect(sent).toBe(2);
    clock.advance(1_000);
    await settle();
    expect(sent).toBe(102);
    const totals = await generator.stop();
    expect(totals.byStatus).toEqual({ error: sent });
  });

  it('refuses a rate that is not above zero', () => {
    expect(() =>
      startTrafficGenerator({ ratePerSecond: 0, send: async () => ({ status: 200, body: '' }) }),
    ).toThrow(/above 0/);
  });
});
