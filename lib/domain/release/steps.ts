import { parseDurationMs } from '../istio/duration';
import type { ReleaseJobSpec, ReleaseStep } from './release-job-schema';

/**
 * Progressive steps as a pure function of the spec, where the job stands and the clock: the
 * controller calls it on every reconcile, so a restart resumes at the recorded step.
 */

export interface StepPosition {
  /** Index of the step the job waits at; `steps.length` once every step is done. */
  currentStep: number;
  /** When the current step started (RFC 3339). */
  stepStartedAt: string;
}

export type StepVerdict = 'Passed' | 'Failed' | 'Inconclusive' | 'Running';

export interface StepOutcome extends StepPosition {
  /** Percent to the new version that the steps ask for now. */
  weight: number;
  /** Set while a step holds the job: why it waits. */
  waiting?: {
    reason: 'PauseStep' | 'AwaitingPromotion' | 'Analysis' | 'AnalysisInconclusive';
    message: string;
  };
  /** The analysis step to evaluate now, when the job stands at one. */
  analysisStep?: number;
  failed?: { reason: 'AnalysisFailed'; message: string };
  done: boolean;
}

function weightBefore(steps: readonly ReleaseStep[], index: number): number {
  let weight = 0;
  for (const step of steps.slice(0, index))
    if (step.setWeight !== undefined) weight = step.setWeight;
  return weight;
}

/**
 * Walks the steps from `position` as far as they allow now. `verdictOf` gives the gate result of
 * an analysis step (from the analysis runs recorded in the status).
 */
export function advanceSteps(
  spec: ReleaseJobSpec,
  position: StepPosition,
  now: Date,
  verdictOf: (step: number) => StepVerdict,
): StepOutcome {
  const steps = spec.steps ?? [];
  let { currentStep, stepStartedAt } = position;
  const move = () => {
    currentStep += 1;
    stepStartedAt = now.toISOString();
  };
  if (spec.promoteFull)
    return { currentStep: steps.length, stepStartedAt, weight: 100, done: true };
  while (currentStep < steps.length) {
    const step = steps[currentStep]!;
    const promoted = spec.promotedStep !== undefined && spec.promotedStep >= currentStep;
    const weight = weightBefore(steps, currentStep);
    if (step.setWeight !== undefined || promoted) {
      move();
      continue;
    }
    if (step.pause) {
      if (step.pause.duration === undefined) {
        return {
          currentStep,
          stepStartedAt,
          weight,
          done: false,
          waiting: {
            reason: 'AwaitingPromotion',
            message: `step ${currentStep + 1} waits until promoted`,
          },
        };
      }
      const elapsed = now.getTime() - Date.parse(stepStartedAt);
      if (elapsed < (parseDurationMs(step.pause.duration) ?? 0)) {
        return {
          currentStep,
          stepStartedAt,
          weight,
          done: false,
          waiting: {
            reason: 'PauseStep',
            message: `step ${currentStep + 1} pauses for ${step.pause.duration}`,
          },
        };
      }
      move();
      continue;
    }
    const verdict = verdictOf(currentStep);
    if (verdict === 'Passed') {
      move();
      continue;
    }
    const base = { currentStep, stepStartedAt, weight, done: false, analysisStep: currentStep };
    if (verdict === 'Failed')
      return {
        ...base,
        failed: { reason: 'AnalysisFailed', message: `analysis at step ${currentStep + 1} failed` },
      };
    if (verdict === 'Inconclusive')
      return {
        ...base,
        waiting: {
          reason: 'AnalysisInconclusive',
          message: `analysis at step ${currentStep + 1} is inconclusive: no data`,
        },
      };
    return {
      ...base,
      waiting: { reason: 'Analysis', message: `analysis at step ${currentStep + 1} is running` },
    };
  }
  // Every step done: the new version carries the traffic, as after a full promotion.
  return { currentStep, stepStartedAt, weight: 100, done: true };
}
