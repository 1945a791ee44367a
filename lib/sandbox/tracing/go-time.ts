const UNIT_NANOS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
const DURATION = /^[-+]?((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const COMPONENT = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * A duration in Go's time.ParseDuration syntax ("1.2s", "100ms", "500us", "1h30m", "0") in ns,
 * as Jaeger reads minDuration/maxDuration and the v3 duration bounds; undefined when malformed.
 */
export function parseGoDurationNs(text: string): number | undefined {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(COMPONENT))
    total += Number(amount) * UNIT_NANOS[unit!]!;
  return Math.round(text.startsWith('-') ? -total : total);
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time (Go's RFC3339Nano layout, fraction optional) in µs since the epoch; undefined when malformed. */
export function parseRfc3339Micros(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, date, time, fraction, zone] = match;
  const seconds = Date.parse(`${date}T${time}${zone!.toUpperCase()}`);
  if (Number.isNaN(seconds)) return undefined;
  const micros = fraction ? Math.trunc(Number(`0${fraction}`) * 1e6) : 0;
  return seconds * 1000 + micros;
}
