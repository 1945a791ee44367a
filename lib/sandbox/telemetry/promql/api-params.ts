import { parseGoFloat } from '../metrics/go-float';
import { parseStepMs } from './durations';
import { badData } from './errors';

/** Prometheus' MinTime and MaxTime (ms), the defaults of open time ranges in its API. */
export const MIN_TIME_MS = -9223372036854776;
export const MAX_TIME_MS = 9223372036854776;

/** Prometheus' cap on the points of one series in a range query (web/api/v1). */
export const MAX_POINTS_PER_SERIES = 11_000;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A time parameter as Prometheus' parseTime reads it: unix seconds as a float (rounded to the
 * millisecond) or RFC 3339 (with optional fractional seconds, truncated to the millisecond).
 * Returns ms since the epoch, or undefined when neither form fits.
 */
export function parseTimeMs(text: string): number | undefined {
  const secondsValue = parseGoFloat(text);
  if (secondsValue !== undefined) {
    if (!Number.isFinite(secondsValue))
      return secondsValue > 0 ? MAX_TIME_MS : secondsValue < 0 ? MIN_TIME_MS : undefined;
    const whole = Math.trunc(secondsValue);
    return whole * 1000 + Math.round((secondsValue - whole) * 1000);
  }
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, , , , , , , fraction, zone] = match;
  const base = Date.parse(`${text.slice(0, 19)}${zone}`);
  if (Number.isNaN(base)) return undefined;
  const ms = fraction ? Math.trunc(Number(`0${fraction}`) * 1000) : 0;
  return base + ms;
}

function invalidParameter(name: string, message: string): Error {
  return badData(`invalid parameter "${name}": ${message}`);
}

function requiredTime(params: URLSearchParams, name: string, fallbackMs: number): number {
  const text = params.get(name);
  if (text === null || text === '') return fallbackMs;
  const ms = parseTimeMs(text);
  if (ms === undefined) throw invalidParameter(name, `cannot parse "${text}" to a valid timestamp`);
  return ms;
}

/** `query` and `time` of /api/v1/query; `time` defaults to now. */
export function parseInstantQueryParams(
  params: URLSearchParams,
  nowMs: number,
): { query: string; timeMs: number } {
  return { query: params.get('query') ?? '', timeMs: requiredTime(params, 'time', nowMs) };
}

/**
 * `query`, `start`, `end`, `step` of /api/v1/query_range with Prometheus' checks and messages:
 * end not before start, a positive step, at most 11,000 points per series.
 */
export function parseRangeQueryParams(params: URLSearchParams): {
  query: string;
  startMs: number;
  endMs: number;
  stepMs: number;
} {
  const timeParam = (name: string): number => {
    const text = params.get(name) ?? '';
    const ms = parseTimeMs(text);
    if (ms === undefined)
      throw invalidParameter(name, `cannot parse "${text}" to a valid timestamp`);
    return ms;
  };
  const startMs = timeParam('start');
  const endMs = timeParam('end');
  if (endMs < startMs) throw badData('end timestamp must not be before start time');
  const stepText = params.get('step') ?? '';
  const stepMs = parseStepMs(stepText);
  if (stepMs === undefined)
    throw invalidParameter('step', `cannot parse "${stepText}" to a valid duration`);
  if (stepMs <= 0)
    throw badData(
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  if ((endMs - startMs) / stepMs > MAX_POINTS_PER_SERIES) {
    throw badData(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  }
  return { query: params.get('query') ?? '', startMs, endMs, stepMs };
}

/** `match[]`, `start`, `end` of the metadata endpoints; start and end default to all time. */
export function parseSeriesParams(params: URLSearchParams): {
  selectors: string[];
  startMs: number;
  endMs: number;
} {
  const startMs = requiredTime(params, 'start', MIN_TIME_MS);
  const endMs = requiredTime(params, 'end', MAX_TIME_MS);
  if (endMs < startMs) throw badData('end timestamp must not be before start time');
  return { selectors: params.getAll('match[]'), startMs, endMs };
}
