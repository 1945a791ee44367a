/** A bounded log: the newest `capacity` lines of one container run, each with its time. */
export interface LogLine {
  /** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints. */
  time: string;
  text: string;
}

/** `2024-05-01T10:00:00.123Z` -> `2024-05-01T10:00:00.123000000Z`. */
export function rfc3339Nano(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export class LogRing {
  private readonly buffer: LogLine[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  /** Appends text, one entry per line; the oldest lines fall out once the ring is full. */
  append(text: string, now: Date = new Date()): void {
    const time = rfc3339Nano(now);
    for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
      if (this.buffer.length < this.capacity) {
        this.buffer.push({ time, text: line });
      } else {
        this.buffer[this.start] = { time, text: line };
        this.start = (this.start + 1) % this.capacity;
      }
    }
  }

  /** Oldest first. */
  lines(): LogLine[] {
    return [...this.buffer.slice(this.start), ...this.buffer.slice(0, this.start)];
  }
}
