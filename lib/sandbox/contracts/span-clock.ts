/**
 * The one clock every span in the sandbox is timed with: the monotonic high-resolution clock
 * (`performance.timeOrigin + performance.now()`, epoch milliseconds with a fraction), kept to the
 * microsecond. Sidecars, the gateway and the in-process applications all read it, so a span that
 * starts after another in real time never carries an earlier start time (Date.now() has whole
 * milliseconds and can step; the OpenTelemetry SDK times a span's start with it).
 */
import type { HrTime } from '@opentelemetry/api';

export const spanClockMs = (): number => performance.timeOrigin + performance.now();

/** Whole microseconds since the epoch (monotone in `ms`, the rounding every span time goes through). */
export const epochMicros = (ms: number): number => Math.round(ms * 1000);

/** Epoch nanoseconds as decimal text, microsecond precision (OTLP's `*TimeUnixNano`). */
export function unixNanosOf(ms: number): string {
  return (BigInt(epochMicros(ms)) * 1000n).toString();
}

/** The same instant as OpenTelemetry's [seconds, nanoseconds]. */
export function hrTimeOf(ms: number): HrTime {
  const micros = epochMicros(ms);
  return [Math.floor(micros / 1_000_000), (micros % 1_000_000) * 1000];
}
