import { describe, expect, it } from 'vitest';
import { checkGate, gateVerdict } from './analysis';
import { reviewsSpec } from './fixtures.test-support';
import type { AnalysisRun } from './release-job';
import type { ReleaseJobSpec } from './release-job-schema';
import {
  appendHistory,
  computePhase,
  msUntilRestore,
  recentOverrides,
  restoreBackoffMs,
  setCondition,
  type PhaseInputs,
} from './state-machine';
import { advanceSteps } from './steps';

const ready = (spec: ReleaseJobSpec, extra: Partial<PhaseInputs> = {}): PhaseInputs => ({
  spec,
  newVersionReady: true,
  offlineDone: false,
  ...extra,
});

describe('computePhase', () => {
  it.each<[string, PhaseInputs, string, string]>([
    [
      'new version not ready',
      ready(reviewsSpec(), { newVersionReady: false }),
      'Initializing',
      'WaitingForWorkload',
    ],
    [
      'policy Paused, not resumed',
      ready(reviewsSpec({ policy: 'Paused' }), { newVersionReady: false }),
      'Paused',
      'PolicyPaused',
    ],
    ['split active', ready(reviewsSpec()), 'Progressing', 'Progressing'],
    ['paused by a user', ready(reviewsSpec({ paused: true })), 'Paused', 'PausedByUser'],
    ['taken over', ready(reviewsSpec({ takeOver: 'v2' })), 'TakenOver', 'TakenOver'],
    [
      'rolled back (over a take-over)',
      ready(reviewsSpec({ takeOver: 'v2', rollback: true })),
      'RolledBack',
      'RolledBack',
    ],
    [
      'gate failed',
      ready(reviewsSpec(), { analysisFailed: { reason: 'AnalysisFailed', message: 'x' } }),
      'Failed',
      'AnalysisFailed',
    ],
    [
      'stable workload missing',
      ready(reviewsSpec(), { broken: { reason: 'StableNotFound', message: 'x' } }),
      'Failed',
      'StableNotFound',
    ],
    [
      'inconclusive analysis',
      ready(reviewsSpec(), { waiting: { reason: 'AnalysisInconclusive', message: 'no data' } }),
      'Paused',
      'AnalysisInconclusive',
    ],
    [
      'repeated overrides',
      ready(reviewsSpec(), { conflict: { message: 'x' } }),
      'Paused',
      'Conflict',
    ],
    [
      'going offline',
      ready(reviewsSpec({ offline: { keep: 'v2' } })),
      'Progressing',
      'GoingOffline',
    ],
    [
      'offline done (wins over all)',
      ready(reviewsSpec({ offline: { keep: 'v2' }, rollback: true }), { offlineDone: true }),
      'Offline',
      'Offline',
    ],
  ])('%s', (_, inputs, phase, reason) => {
    expect(computePhase(inputs)).toMatchObject({ phase, reason });
  });

  it('says why the new version is not ready when its pods tell, and what offline removed', () => {
    expect(
      computePhase({
        spec: reviewsSpec(),
        newVersionReady: false,
        offlineDone: false,
        workloadProblem: 'pod reviews-v2-x: container reviews: ImagePullBackOff',
      }).message,
    ).toBe(
      'waiting for reviews-v2 to be ready: pod reviews-v2-x: container reviews: ImagePullBackOff',
    );
    expect(
      computePhase({
        spec: reviewsSpec({ offline: { keep: 'v2' } }),
        newVersionReady: true,
        offlineDone: true,
      }).message,
    ).toBe('offline: kept v2, removed v1');
    expect(
      computePhase({
        spec: reviewsSpec({ newVersion: { version: 'v2', adopt: true }, offline: { keep: 'v1' } }),
        newVersionReady: true,
        offlineDone: true,
      }).message,
    ).toBe(
      'offline: kept v1, removed the routes and subset of v2; Deployment reviews-v2 was adopted, not created by Aviary, so it stays',
    );
    expect(
      computePhase({
        spec: reviewsSpec({ newVersion: { version: 'v2', adopt: true }, offline: { keep: 'v2' } }),
        newVersionReady: true,
        offlineDone: true,
      }).message,
    ).toBe('offline: kept v2, removed v1');
  });
});

describe('bookkeeping', () => {
  const now = new Date('2026-01-01T00:00:10Z');
  it("keeps a condition's transition time while its status holds", () => {
    const first = setCondition(
      [],
      { type: 'Ready', status: 'True', reason: 'A', message: '' },
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(
      setCondition(first, { type: 'Ready', status: 'True', reason: 'B', message: '' }, now)[0]!
        .lastTransitionTime,
    ).toBe('2026-01-01T00:00:00.000Z');
    expect(
      setCondition(first, { type: 'Ready', status: 'False', reason: 'B', message: '' }, now)[0]!
        .lastTransitionTime,
    ).toBe(now.toISOString());
  });
  it('bounds the history, oldest out first', () => {
    let history = appendHistory([], { time: 't', actor: 'a', action: 'x0' }, 3);
    for (const n of [1, 2, 3])
      history = appendHistory(history, { time: 't', actor: 'a', action: `x${n}` }, 3);
    expect(history.map((e) => e.action)).toEqual(['x1', 'x2', 'x3']);
  });
  it('counts overrides within the window only', () => {
    expect(recentOverrides(['2026-01-01T00:00:00Z', '2026-01-01T00:00:09Z'], now, 5_000)).toEqual([
      '2026-01-01T00:00:09Z',
      now.toISOString(),
    ]);
  });
  it('restores the first override at once, later ones after a growing wait, capped', () => {
    expect([1, 2, 3, 4, 5, 9].map(restoreBackoffMs)).toEqual([
      0, 1_000, 2_000, 4_000, 8_000, 30_000,
    ]);
  });
  it('waits what is left of the backoff after the latest override in the window', () => {
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    expect(msUntilRestore(undefined, now, 60_000)).toBe(0);
    expect(msUntilRestore([at(0)], now, 60_000)).toBe(0);
    expect(msUntilRestore([at(-5_000), at(-300)], now, 60_000)).toBe(700);
    expect(msUntilRestore([at(-5_000), at(-3_000)], now, 60_000)).toBe(0);
    expect(msUntilRestore([at(-9_000), at(-8_000), at(-500)], now, 60_000)).toBe(1_500);
    // Overrides older than the window no longer count.
    expect(msUntilRestore([at(-90_000), at(-300)], now, 60_000)).toBe(0);
  });
});

describe('advanceSteps', () => {
  const t0 = '2026-01-01T00:00:00.000Z';
  const steps = reviewsSpec({
    traffic: undefined,
    steps: [
      { setWeight: 20 },
      { pause: { duration: '30s' } },
      { setWeight: 50 },
      { pause: {} },
      { analysis: { interval: '10s', minSuccessRate: 99 } },
      { setWeight: 80 },
    ],
  });
  const at = (s: number) => new Date(Date.parse(t0) + s * 1000);
  it.each<
    [
      string,
      ReleaseJobSpec,
      number,
      number,
      'Passed' | 'Failed' | 'Inconclusive' | 'Running',
      object,
    ]
  >([
    [
      'first weight, then a timed pause',
      steps,
      0,
      5,
      'Running',
      { currentStep: 1, weight: 20, waiting: { reason: 'PauseStep' } },
    ],
    [
      'pause elapsed, then wait for promotion',
      steps,
      1,
      31,
      'Running',
      { currentStep: 3, weight: 50, waiting: { reason: 'AwaitingPromotion' } },
    ],
    [
      'promoted, analysis running',
      { ...steps, promotedStep: 3 },
      3,
      31,
      'Running',
      { currentStep: 4, weight: 50, analysisStep: 4, waiting: { reason: 'Analysis' } },
    ],
    [
      'analysis without data holds the job',
      steps,
      4,
      31,
      'Inconclusive',
      { currentStep: 4, weight: 50, waiting: { reason: 'AnalysisInconclusive' } },
    ],
    [
      'analysis failed',
      steps,
      4,
      31,
      'Failed',
      { currentStep: 4, failed: { reason: 'AnalysisFailed' } },
    ],
    [
      'analysis passed: every step done, all to the new version',
      steps,
      4,
      31,
      'Passed',
      { currentStep: 6, weight: 100, done: true },
    ],
    [
      'promote fully',
      { ...steps, promoteFull: true },
      0,
      0,
      'Running',
      { weight: 100, done: true },
    ],
  ])('%s', (_, spec, step, seconds, verdict, expected) => {
    expect(
      advanceSteps(spec, { currentStep: step, stepStartedAt: t0 }, at(seconds), () => verdict),
    ).toMatchObject(expected);
  });
});

describe('analysis gates', () => {
  const gate = { interval: '10s', minSuccessRate: 99, maxLatencyP99Ms: 500, failureLimit: 1 };
  it.each<[string, Parameters<typeof checkGate>[1], string, string]>([
    ['no data at all', {}, 'Inconclusive', 'no data'],
    [
      'NaN from a division by zero',
      { requestRate: Number.NaN, successRate: Number.NaN },
      'Inconclusive',
      'no data',
    ],
    [
      'traffic but no latency series',
      { requestRate: 2, successRate: 1 },
      'Inconclusive',
      'no latency data',
    ],
    [
      'healthy',
      { requestRate: 2, successRate: 0.995, latencyP99Ms: 120 },
      'Passed',
      'success rate 99.5 % >= 99 %; p99 latency 120 ms <= 500 ms',
    ],
    [
      'failing',
      { requestRate: 2, successRate: 0.5, latencyP99Ms: 900 },
      'Failed',
      'success rate 50.0 % < 99 %; p99 latency 900 ms > 500 ms',
    ],
  ])('%s', (_, sample, result, message) => {
    expect(checkGate(gate, sample)).toEqual({ result, message: expect.stringContaining(message) });
  });

  const run = (result: AnalysisRun['result']): AnalysisRun => ({
    time: 't',
    step: 0,
    result,
    message: '',
  });
  it.each<[AnalysisRun['result'][], string]>([
    [[], 'Running'],
    [['Inconclusive', 'Inconclusive', 'Inconclusive'], 'Inconclusive'],
    [['Failed'], 'Running'],
    [['Failed', 'Failed'], 'Failed'],
    [['Inconclusive', 'Passed'], 'Passed'],
  ])('runs %j give %s (inconclusive never counts as a failure)', (results, verdict) => {
    expect(gateVerdict(gate, results.map(run))).toBe(verdict);
  });
});
