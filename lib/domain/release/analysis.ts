import { parseDurationMs } from '../istio/duration';
import type { AnalysisRun } from './release-job';
import type { AnalysisSpec } from './release-job-schema';
import type { StepVerdict } from './steps';

/**
 * Analysis gates, pure: one check of the new version's metrics against the gate's conditions, and
 * the gate's verdict over its checks. No data is Inconclusive, never a pass and never a failure:
 * the field's most common complaint is a rollback caused by an empty query.
 */

/** The new version's metrics over the gate's window; NaN or undefined when Prometheus had none. */
export interface VersionMetrics {
  requestRate?: number;
  /** 0..1 */
  successRate?: number;
  latencyP99Ms?: number;
}

export interface CheckResult {
  result: AnalysisRun['result'];
  message: string;
}

const known = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);

/** Judges one sample against the gate's conditions. */
export function checkGate(spec: AnalysisSpec, m: VersionMetrics): CheckResult {
  const window = spec.window ?? '1m';
  const minRate = spec.minRequestRate ?? 0;
  if (!known(m.requestRate) || m.requestRate <= 0 || m.requestRate < minRate) {
    const seen = known(m.requestRate) ? `${m.requestRate.toFixed(3)} req/s` : 'no data';
    return {
      result: 'Inconclusive',
      message: `not enough traffic to the new version over ${window}: ${seen}${minRate ? `, need ${minRate} req/s` : ''}`,
    };
  }
  const failures: string[] = [];
  const facts: string[] = [];
  if (spec.minSuccessRate !== undefined) {
    if (!known(m.successRate))
      return { result: 'Inconclusive', message: `no success-rate data over ${window}` };
    const percent = m.successRate * 100;
    const text = `success rate ${percent.toFixed(1)} %`;
    if (percent < spec.minSuccessRate) failures.push(`${text} < ${spec.minSuccessRate} %`);
    else facts.push(`${text} >= ${spec.minSuccessRate} %`);
  }
  if (spec.maxLatencyP99Ms !== undefined) {
    if (!known(m.latencyP99Ms))
      return { result: 'Inconclusive', message: `no latency data over ${window}` };
    const text = `p99 latency ${m.latencyP99Ms.toFixed(0)} ms`;
    if (m.latencyP99Ms > spec.maxLatencyP99Ms)
      failures.push(`${text} > ${spec.maxLatencyP99Ms} ms`);
    else facts.push(`${text} <= ${spec.maxLatencyP99Ms} ms`);
  }
  if (failures.length) return { result: 'Failed', message: failures.join('; ') };
  return { result: 'Passed', message: facts.join('; ') || 'traffic seen' };
}

/**
 * The gate's verdict over its recorded checks: Failed once failures exceed the limit, Passed after
 * enough passes, Inconclusive while the latest check had no data, else still Running.
 */
export function gateVerdict(spec: AnalysisSpec, runs: readonly AnalysisRun[]): StepVerdict {
  const failures = runs.filter((r) => r.result === 'Failed').length;
  if (failures > (spec.failureLimit ?? 0)) return 'Failed';
  if (runs.filter((r) => r.result === 'Passed').length >= (spec.successes ?? 1)) return 'Passed';
  if (runs.at(-1)?.result === 'Inconclusive') return 'Inconclusive';
  return 'Running';
}

/** Whether the next check is due: none yet, or the interval has passed since the last. */
export function checkDue(spec: AnalysisSpec, runs: readonly AnalysisRun[], now: Date): boolean {
  const last = runs.at(-1);
  if (!last) return true;
  return now.getTime() - Date.parse(last.time) >= (parseDurationMs(spec.interval) ?? 10_000);
}

/** Milliseconds until the next check is due (for the controller's requeue). */
export function msUntilCheck(spec: AnalysisSpec, runs: readonly AnalysisRun[], now: Date): number {
  const last = runs.at(-1);
  if (!last) return 0;
  return Math.max(
    0,
    Date.parse(last.time) + (parseDurationMs(spec.interval) ?? 10_000) - now.getTime(),
  );
}
