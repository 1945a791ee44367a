import type { TrafficClock } from './traffic-generator';

/**
 * A clock that moves only when told: `advance` runs due timers in time order, so a test plays
 * minutes of traffic in microseconds and always the same way. For tests of code taking a TrafficClock.
 */
export class ManualClock implements TrafficClock {
  private time = 0;
  private nextId = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, running each timer at its due time (earliest first; ties in creation order). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers)
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.timers.delete(due[0]);
      // An overdue timer (after `jump`) runs late and sees the late time, as a real one would.
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
    }
    this.time = end;
  }

  /** Moves time forward by `ms` WITHOUT running timers: a suspended machine; `advance(0)` then runs the overdue ones. */
  jump(ms: number): void {
    this.time += ms;
  }
}
