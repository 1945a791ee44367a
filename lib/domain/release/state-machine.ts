import { workloadName } from './names';
import type { ReleaseCondition, ReleaseEvent, ReleasePhase } from './release-job';
import type { ReleaseJobSpec } from './release-job-schema';

/**
 * The job's phase as a pure function of its spec and what the controller observed, plus the
 * bookkeeping of conditions and the bounded history.
 */

export interface PhaseInputs {
  spec: ReleaseJobSpec;
  /** The new version's workload is ready (WaitForWorkloadReady) or the policy does not wait. */
  newVersionReady: boolean;
  /** Why the new version is not ready yet, when its pods say (a bad image, a crash...). */
  workloadProblem?: string;
  /** Offline finished: the other version removed, routes and subsets restored. */
  offlineDone: boolean;
  /** Offline: the other version's Deployment is not Aviary's, so it stays (only its routes go). */
  otherStays?: boolean;
  /** The stable workload could not be found or copied. */
  broken?: { reason: string; message: string };
  analysisFailed?: { reason: string; message: string };
  /** A step holds the job (pause, promotion, inconclusive analysis). */
  waiting?: { reason: string; message: string };
  /** Someone keeps overriding the managed routes. */
  conflict?: { message: string };
}

export interface PhaseResult {
  phase: ReleasePhase;
  reason: string;
  message: string;
}

/** Which phase a job is in; the first matching row wins. */
export function computePhase(i: PhaseInputs): PhaseResult {
  const { spec } = i;
  if (spec.offline) {
    const { keep } = spec.offline;
    const other = keep === spec.stableVersion ? spec.newVersion.version : spec.stableVersion;
    const adopted = spec.newVersion.adopt === true && other === spec.newVersion.version;
    const stays = `offline: kept ${keep}, removed the routes and subset of ${other}; Deployment ${workloadName(spec.service, other)}`;
    return i.offlineDone
      ? {
          phase: 'Offline',
          reason: 'Offline',
          message: adopted
            ? `${stays} was adopted, not created by Aviary, so it stays`
            : i.otherStays
              ? `${stays} was not created by Aviary, so it stays`
              : `offline: kept ${keep}, removed ${other}`,
        }
      : {
          phase: 'Progressing',
          reason: 'GoingOffline',
          message: `going offline, keeping ${spec.offline.keep}`,
        };
  }
  if (i.broken) return { phase: 'Failed', ...i.broken };
  if (i.analysisFailed) return { phase: 'Failed', ...i.analysisFailed };
  if (spec.rollback)
    return {
      phase: 'RolledBack',
      reason: 'RolledBack',
      message: `all traffic to the stable version ${spec.stableVersion}`,
    };
  if (!i.newVersionReady) {
    return spec.policy === 'Paused'
      ? {
          phase: 'Paused',
          reason: 'PolicyPaused',
          message: 'the rollout policy is Paused: resume to shift traffic',
        }
      : {
          phase: 'Initializing',
          reason: 'WaitingForWorkload',
          message: `waiting for ${spec.service}-${spec.newVersion.version} to be ready${i.workloadProblem ? `: ${i.workloadProblem}` : ''}`,
        };
  }
  if (spec.takeOver)
    return {
      phase: 'TakenOver',
      reason: 'TakenOver',
      message: `${spec.takeOver} takes all traffic`,
    };
  if (spec.paused)
    return { phase: 'Paused', reason: 'PausedByUser', message: 'paused: resume to continue' };
  if (i.conflict) return { phase: 'Paused', reason: 'Conflict', message: i.conflict.message };
  if (i.waiting) return { phase: 'Paused', ...i.waiting };
  return { phase: 'Progressing', reason: 'Progressing', message: 'traffic split applied' };
}

/** Sets a condition, keeping its transition time when its status does not change. */
export function setCondition(
  conditions: readonly ReleaseCondition[] | undefined,
  next: Omit<ReleaseCondition, 'lastTransitionTime'>,
  now: Date,
): ReleaseCondition[] {
  const previous = conditions?.find((c) => c.type === next.type);
  const lastTransitionTime =
    previous && previous.status === next.status ? previous.lastTransitionTime : now.toISOString();
  return [
    ...(conditions ?? []).filter((c) => c.type !== next.type),
    { ...next, lastTransitionTime },
  ];
}

export const historyLimit = 50;

/** Appends to the history, dropping the oldest beyond `limit` (the status must stay small). */
export function appendHistory(
  history: readonly ReleaseEvent[] | undefined,
  event: ReleaseEvent,
  limit = historyLimit,
): ReleaseEvent[] {
  return [...(history ?? []), event].slice(-limit);
}

/**
 * How long to wait before restoring after the `n`th override within the window: the first at
 * once (a stray edit is put right immediately), then 1 s, 2 s, 4 s... up to 30 s, so that a
 * writer fighting Aviary is not answered write for write until the Conflict threshold.
 */
export function restoreBackoffMs(n: number): number {
  return n <= 1 ? 0 : Math.min(1_000 * 2 ** (n - 2), 30_000);
}

/** What is left of the wait before restoring, given the override times recorded (0: restore now). */
export function msUntilRestore(
  times: readonly string[] | undefined,
  now: Date,
  windowMs: number,
): number {
  const recent = (times ?? []).filter((t) => now.getTime() - Date.parse(t) <= windowMs);
  const last = recent.at(-1);
  if (last === undefined) return 0;
  return Math.max(0, Date.parse(last) + restoreBackoffMs(recent.length) - now.getTime());
}

/** Override times within `windowMs` of now, this one included: repeated overrides become a Conflict. */
export function recentOverrides(
  times: readonly string[] | undefined,
  now: Date,
  windowMs: number,
): string[] {
  return [...(times ?? []), now.toISOString()]
    .filter((t) => now.getTime() - Date.parse(t) <= windowMs)
    .slice(-20);
}
