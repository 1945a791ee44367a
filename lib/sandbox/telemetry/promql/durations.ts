import { parseGoFloat } from '../metrics/go-float';

const UNIT_MS: Readonly<Record<string, number>> = {
  y: 365 * 24 * 3600_000,
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

/** Prometheus 2.42's duration syntax (model.ParseDuration): units in this order, each at most once. */
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS_IN_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;

/**
 * A PromQL duration ("5m", "1m30s", "1h", "500ms") in milliseconds, or undefined when it is not
 * one. "0" is the only unit-less form Prometheus accepts.
 */
export function parseDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  let total = 0;
  UNITS_IN_ORDER.forEach((unit, i) => {
    const amount = match[i + 1];
    if (amount !== undefined) total += Number(amount) * (UNIT_MS[unit] as number);
  });
  return total;
}

/**
 * The `step` parameter of /api/v1/query_range as Prometheus parses it: float seconds first, then
 * a duration. Returns milliseconds or undefined.
 */
export function parseStepMs(text: string): number | undefined {
  const seconds = parseGoFloat(text);
  // Go converts to an int64 of nanoseconds, so sub-millisecond steps survive there; milliseconds
  // are the store's resolution, so a step rounds to them here.
  if (seconds !== undefined)
    return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
  return parseDurationMs(text);
}
