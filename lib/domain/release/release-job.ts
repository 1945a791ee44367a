import type { ReleaseJobSpec } from './release-job-schema';

/**
 * The ReleaseJob object as read from the API server: the validated spec plus the status the
 * controller writes. Plain JSON, so it crosses the server/client line as is.
 */

export const releasePhases = [
  'Initializing',
  'Progressing',
  'Paused',
  'TakenOver',
  'RolledBack',
  'Failed',
  'Offline',
] as const;
export type ReleasePhase = (typeof releasePhases)[number];

export interface ReleaseCondition {
  type:
    | 'Ready'
    | 'Conflict'
    | 'AnalysisInconclusive'
    | 'WorkloadReady'
    | 'StableAvailable'
    | 'RulesApplied';
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

/** One entry of the job's history: who asked for what, and what changed. */
export interface ReleaseEvent {
  time: string;
  actor: string;
  action: string;
  before?: string;
  after?: string;
}

/** Weights Aviary wants and weights the VirtualService holds, for one route of one VirtualService. */
export interface TrafficStatus {
  virtualService: string;
  /** The route's name in the VirtualService. */
  route: string;
  port?: number;
  protocol: 'http' | 'tcp';
  desired: Record<string, number>;
  applied: Record<string, number>;
}

export interface AnalysisRun {
  time: string;
  step: number;
  result: 'Passed' | 'Failed' | 'Inconclusive';
  message: string;
}

export interface ReleaseJobStatus {
  phase?: ReleasePhase;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  conditions?: ReleaseCondition[];
  traffic?: TrafficStatus[];
  currentStep?: number;
  stepStartedAt?: string;
  analysis?: AnalysisRun[];
  history?: ReleaseEvent[];
  /** Times Aviary found its routes changed by someone else (for the Conflict condition). */
  overrides?: string[];
  /** The last operation (annotation) already copied into the history. */
  lastRecordedAction?: string;
}

export interface ReleaseJob {
  apiVersion: 'aviary.dev/v1alpha1';
  kind: 'ReleaseJob';
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    generation?: number;
    resourceVersion?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    finalizers?: string[];
    deletionTimestamp?: string;
    creationTimestamp?: string;
  };
  spec: ReleaseJobSpec;
  status?: ReleaseJobStatus;
}
