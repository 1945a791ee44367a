import 'server-only';
import type { V1Deployment } from '@kubernetes/client-node';
import type { VirtualService } from '@/lib/domain/istio/types';
import { semanticEqual, semanticallyContains } from '@/lib/domain/kube/semantic-equal';
import {
  advanceSteps,
  appendHistory,
  buildNewDeployment,
  checkGate,
  computePhase,
  deploymentReady,
  gateVerdict,
  lastActionAnnotation,
  msUntilCheck,
  msUntilRestore,
  planTraffic,
  recentOverrides,
  releaseFinalizer,
  releaseJobSpecSchema,
  servicePorts,
  setCondition,
  stableAvailability,
  recommendedVersionLabel,
  versionLabel,
  versionLabelOf,
  versionsInPlan,
  withoutManagedLabels,
  workloadName,
  workloadProblem,
  createdByJob,
  notAviarysMessage,
  checkDue,
  type DeploymentLike,
  type ReleaseEvent,
  type ReleaseJob,
  type ReleaseJobStatus,
  type RouteContext,
  type StepOutcome,
} from '@/lib/domain/release';
import { withdrawRelease, withdrawVersion } from './version-withdrawal';
import { ownerReferenceTo, type ReleaseApi } from './release-api';
import {
  applySubsets,
  changed,
  desiredVirtualServices,
  lastManager,
  trafficStatus,
  type WantedVirtualService,
} from './traffic-apply';
import type { VersionMetricsSource } from './metrics-source';

/**
 * One reconcile of one job: derive everything from the spec and the live objects, write only what
 * differs, in make-before-break order, and record the outcome in the status. Idempotent: running
 * it again (after a crash at any line) converges to the same objects.
 */

export interface ReconcileOptions {
  now?: () => Date;
  metrics?: VersionMetricsSource;
  /** Overrides in this window... */
  conflictWindowMs?: number;
  /** ...this many times make the job stop fighting and report Conflict. */
  conflictThreshold?: number;
  /**
   * How soon to look again while the new version is not ready (1 s by default). A controller that
   * watches the Deployments it creates hears of readiness anyway and polls far less often.
   */
  waitRequeueMs?: number;
}

export interface ReconcileResult {
  /** Reconcile again after this long (waiting for pods, a timed pause, the next analysis). */
  requeueAfterMs?: number;
}

function historyFromAnnotation(job: ReleaseJob, status: ReleaseJobStatus): ReleaseJobStatus {
  const text = job.metadata.annotations?.[lastActionAnnotation];
  if (!text || text === status.lastRecordedAction) return status;
  try {
    const event = JSON.parse(text) as ReleaseEvent;
    return { ...status, history: appendHistory(status.history, event), lastRecordedAction: text };
  } catch {
    return { ...status, lastRecordedAction: text };
  }
}

/**
 * Writes the status when it changed, then, when the phase or its reason changed, says so in an
 * Event (a Warning for Failed): every way into a phase is announced, an early failure included.
 */
async function writeStatus(
  api: ReleaseApi,
  job: ReleaseJob,
  status: ReleaseJobStatus,
): Promise<void> {
  if (semanticEqual(job.status, status)) return;
  await api.replaceJobStatus({ ...job, status });
  if (status.phase && (status.phase !== job.status?.phase || status.reason !== job.status?.reason))
    await api.event(
      job,
      status.phase === 'Failed' ? 'Warning' : 'Normal',
      status.reason ?? status.phase,
      status.message ?? '',
    );
}

async function setFinalizer(
  api: ReleaseApi,
  job: ReleaseJob,
  present: boolean,
): Promise<ReleaseJob> {
  const finalizers = job.metadata.finalizers ?? [];
  if (finalizers.includes(releaseFinalizer) === present) return job;
  const next = present
    ? [...finalizers, releaseFinalizer]
    : finalizers.filter((f) => f !== releaseFinalizer);
  return api.replaceJob({ ...job, metadata: { ...job.metadata, finalizers: next } });
}

/**
 * Why the job must not go on with `<service>-<version>` as it finds it: a Deployment of that name
 * that the job did not create is someone's workload, taken over only when the job adopts it (and
 * an adopted one must exist). Undefined when all is well.
 */
function newVersionOwnership(
  spec: ReleaseJob['spec'],
  name: string,
  job: string,
  deployment: V1Deployment | undefined,
): { reason: string; message: string } | undefined {
  if (spec.newVersion.adopt)
    return deployment
      ? undefined
      : { reason: 'AdoptedNotFound', message: `Deployment ${name} to adopt not found` };
  if (!deployment || createdByJob({ labels: deployment.metadata?.labels }, job)) return undefined;
  return { reason: 'NotCreatedByAviary', message: notAviarysMessage(name) };
}

/** Takes the owner reference and Aviary's labels off the kept workload, so deleting the job never removes it. */
async function releaseKeptWorkload(
  api: ReleaseApi,
  job: ReleaseJob,
  deployment: V1Deployment,
): Promise<void> {
  const owned = (deployment.metadata?.ownerReferences ?? []).some(
    (o) => o.uid === job.metadata.uid,
  );
  if (!owned && !createdByJob({ labels: deployment.metadata?.labels }, job.metadata.name)) return;
  await api.apps.replaceNamespacedDeployment({
    namespace: job.metadata.namespace,
    name: deployment.metadata!.name!,
    body: {
      ...deployment,
      metadata: {
        ...deployment.metadata,
        labels: withoutManagedLabels(deployment.metadata?.labels),
        ownerReferences: (deployment.metadata?.ownerReferences ?? []).filter(
          (o) => o.uid !== job.metadata.uid,
        ),
      },
    },
  });
}

/** Offline: all traffic to the kept version, then the other workload removed, then routes, subsets and marks. */
async function reconcileOffline(
  api: ReleaseApi,
  job: ReleaseJob,
  ctx: RouteContext,
  status: ReleaseJobStatus,
  now: Date,
): Promise<{ job: ReleaseJob; status: ReleaseJobStatus; pending?: boolean }> {
  const { spec, metadata } = job;
  const keep = spec.offline!.keep;
  const other = keep === spec.stableVersion ? spec.newVersion.version : spec.stableVersion;
  let otherStays = false;
  if (status.phase !== 'Offline') {
    const otherWorkload = await api.findDeployment(metadata.namespace, spec.service, other);
    // The new version's Deployment goes only if the job created it: an adopted one (or anyone
    // else's) stays, and only its routes and subset are removed.
    const removable =
      other !== spec.newVersion.version ||
      (!spec.newVersion.adopt &&
        createdByJob({ labels: otherWorkload?.metadata?.labels }, metadata.name));
    otherStays = !removable && otherWorkload !== undefined && !spec.newVersion.adopt;
    const going = removable
      ? await withdrawVersion(api, job, ctx, otherWorkload, other)
      : // It keeps running: the user's own routes to it are put back as they were.
        await withdrawVersion(api, job, ctx, undefined);
    if (going) {
      const phase = computePhase({ spec, newVersionReady: true, offlineDone: false });
      const message = `${phase.message}: waiting for Deployment ${going} and its pods to go`;
      return { job, status: { ...status, ...phase, message }, pending: true };
    }
    const kept = await api.findDeployment(metadata.namespace, spec.service, keep);
    if (kept) await releaseKeptWorkload(api, job, kept);
  }
  // The status is written over the job as the finalizer write left it: over the one read before,
  // its stale resourceVersion would be a 409 and a second pass (a second Offline event).
  const written = await setFinalizer(
    api,
    (await api.getJob(metadata.namespace, metadata.name)) ?? job,
    false,
  );
  const phase = computePhase({ spec, newVersionReady: true, offlineDone: true, otherStays });
  // Once Offline, what the offline did stays said (the Deployment looked at then may be gone since).
  if (status.phase === 'Offline' && status.message) phase.message = status.message;
  return {
    job: written,
    status: {
      ...status,
      ...phase,
      traffic: [],
      conditions: setCondition(
        status.conditions,
        { type: 'Ready', status: 'True', reason: 'Offline', message: phase.message },
        now,
      ),
    },
  };
}

/** Runs the gate of the current analysis step when due, recording the check. */
async function runAnalysis(
  job: ReleaseJob,
  outcome: StepOutcome,
  status: ReleaseJobStatus,
  now: Date,
  metrics?: VersionMetricsSource,
): Promise<ReleaseJobStatus> {
  const step = outcome.analysisStep;
  if (step === undefined) return status;
  const gate = job.spec.steps![step]!.analysis!;
  const runs = (status.analysis ?? []).filter((r) => r.step === step);
  if (!checkDue(gate, runs, now)) return status;
  const sample = metrics
    ? await metrics
        .versionMetrics(
          job.metadata.namespace,
          workloadName(job.spec.service, job.spec.newVersion.version),
          gate.window ?? '1m',
        )
        .catch(() => undefined)
    : undefined;
  const check = sample
    ? checkGate(gate, sample)
    : {
        result: 'Inconclusive' as const,
        message: metrics ? 'the metrics source did not answer' : 'no metrics source is configured',
      };
  return {
    ...status,
    analysis: [...(status.analysis ?? []), { time: now.toISOString(), step, ...check }].slice(-50),
  };
}

/** Who the history names for what the controller does on its own (an automatic rollback). */
const controllerActor = 'aviary-release-controller';

/**
 * Puts the latest check's words into a failed or inconclusive gate's message: "success rate
 * 48.0 % < 95 %" or "no data" is what a user needs to read, not only that the gate failed.
 */
function withLastCheck(outcome: StepOutcome, status: ReleaseJobStatus): StepOutcome {
  if (outcome.analysisStep === undefined) return outcome;
  const runs = (status.analysis ?? []).filter((r) => r.step === outcome.analysisStep);
  if (outcome.failed) {
    const last = runs.filter((r) => r.result === 'Failed').at(-1);
    return last
      ? {
          ...outcome,
          failed: { ...outcome.failed, message: `${outcome.failed.message}: ${last.message}` },
        }
      : outcome;
  }
  if (outcome.waiting?.reason === 'AnalysisInconclusive') {
    const last = runs.at(-1);
    return last
      ? {
          ...outcome,
          waiting: {
            ...outcome.waiting,
            message: `analysis at step ${outcome.analysisStep + 1} is inconclusive: ${last.message}`,
          },
        }
      : outcome;
  }
  return outcome;
}

/** The AnalysisInconclusive condition: True with the reason while a gate has no data to judge. */
function inconclusiveCondition(
  conditions: ReleaseJobStatus['conditions'],
  outcome: StepOutcome,
  now: Date,
): ReleaseJobStatus['conditions'] {
  const waiting = outcome.waiting?.reason === 'AnalysisInconclusive' ? outcome.waiting : undefined;
  if (!waiting && !conditions?.some((c) => c.type === 'AnalysisInconclusive')) return conditions;
  return setCondition(
    conditions,
    waiting
      ? { type: 'AnalysisInconclusive', status: 'True', reason: 'NoData', message: waiting.message }
      : { type: 'AnalysisInconclusive', status: 'False', reason: 'Judged', message: '' },
    now,
  );
}

/**
 * RulesApplied: False, with the reasons, while a content rule cannot be combined with a route it
 * should apply on (a gateway's route whose own match contradicts it in a way one match block
 * cannot say); an event when that message changes. Only for jobs with content rules.
 */
async function rulesCondition(
  api: ReleaseApi,
  job: ReleaseJob,
  conditions: ReleaseJobStatus['conditions'],
  wanted: readonly WantedVirtualService[],
  now: Date,
): Promise<ReleaseJobStatus['conditions']> {
  const before = conditions?.find((c) => c.type === 'RulesApplied');
  if (!job.spec.traffic?.rules?.length && !before) return conditions;
  const message = wanted
    .flatMap((w) => w.warnings ?? [])
    .map((w) => w.message)
    .join('; ');
  if (message && message !== before?.message)
    await api.event(job, 'Warning', 'RuleNotExpressible', message);
  return setCondition(
    conditions,
    message
      ? { type: 'RulesApplied', status: 'False', reason: 'RuleNotExpressible', message }
      : { type: 'RulesApplied', status: 'True', reason: 'Applied', message: '' },
    now,
  );
}

/** Reconciles one job; the job as read from the API server. */
export async function reconcileJob(
  api: ReleaseApi,
  readJob: ReleaseJob,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const now = (options.now ?? (() => new Date()))();
  let job = readJob;
  const { metadata } = job;
  const parsed = releaseJobSpecSchema.safeParse(job.spec);
  let status: ReleaseJobStatus = historyFromAnnotation(job, {
    ...(job.status ?? {}),
    observedGeneration: metadata.generation,
  });
  const ctxBase = { job: metadata.name, namespace: metadata.namespace, service: job.spec.service };

  if (metadata.deletionTimestamp) {
    if (status.phase !== 'Offline') {
      const { pending } = await withdrawRelease(api, job, parsed.success ? parsed.data : undefined);
      if (pending) return { requeueAfterMs: options.waitRequeueMs ?? 1_000 };
    }
    await setFinalizer(api, job, false);
    return {};
  }
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    await writeStatus(api, job, { ...status, phase: 'Failed', reason: 'InvalidSpec', message });
    return {};
  }
  const spec = parsed.data;
  const service = await api.getService(metadata.namespace, spec.service);
  if (!service) {
    await writeStatus(api, job, {
      ...status,
      ...computePhase({
        spec,
        newVersionReady: false,
        offlineDone: false,
        broken: { reason: 'ServiceNotFound', message: `service "${spec.service}" not found` },
      }),
    });
    return { requeueAfterMs: 5_000 };
  }
  const ports = servicePorts(service);
  if (spec.offline) {
    const ctx: RouteContext = {
      ...ctxBase,
      ports,
      plan: planTraffic({ spec, newVersionReady: true }),
    };
    const done = await reconcileOffline(api, job, ctx, status, now);
    await writeStatus(api, done.job, done.status);
    return done.pending ? { requeueAfterMs: options.waitRequeueMs ?? 1_000 } : {};
  }
  job = await setFinalizer(api, job, true);

  // 1. The new version's workload, a copy of the stable one (or, adopted, someone's as it is).
  const stable = await api.findDeployment(metadata.namespace, spec.service, spec.stableVersion);
  const newName = workloadName(spec.service, spec.newVersion.version);
  let created = await api.getDeployment(metadata.namespace, newName);
  const adopted = spec.newVersion.adopt === true;
  const ownership = newVersionOwnership(spec, newName, metadata.name, created);
  if (ownership) {
    await writeStatus(api, job, {
      ...status,
      ...computePhase({ spec, newVersionReady: false, offlineDone: false, broken: ownership }),
    });
    return { requeueAfterMs: 5_000 };
  }
  if (!stable && !created) {
    await writeStatus(api, job, {
      ...status,
      ...computePhase({
        spec,
        newVersionReady: false,
        offlineDone: false,
        broken: {
          reason: 'StableNotFound',
          message: `no Deployment with app=${spec.service},version=${spec.stableVersion}`,
        },
      }),
    });
    return { requeueAfterMs: 5_000 };
  }
  // Subsets select on the version label the stable pods carry: without one, a subset would
  // select no pod (or the new version's selector would overlap the stable one's).
  const versionKey = versionLabelOf((stable ?? created)?.spec?.template?.metadata?.labels);
  if (!versionKey) {
    const broken = {
      reason: 'NoVersionLabel',
      message: `the pods of Deployment ${stable?.metadata?.name} carry no version label (${versionLabel} or ${recommendedVersionLabel}): Istio's subsets select on it; add ${versionLabel}: ${spec.stableVersion} to its pod template`,
    };
    await writeStatus(api, job, {
      ...status,
      ...computePhase({ spec, newVersionReady: false, offlineDone: false, broken }),
    });
    return {};
  }
  const adoptedLabels = adopted ? created?.spec?.template?.metadata?.labels : undefined;
  if (adopted && adoptedLabels?.[versionKey] !== spec.newVersion.version) {
    const broken = {
      reason: 'NoVersionLabel',
      message: `the pods of Deployment ${newName} carry ${versionKey}=${adoptedLabels?.[versionKey] ?? '(none)'}, not ${spec.newVersion.version}: the subset of ${spec.newVersion.version} would select none of them`,
    };
    await writeStatus(api, job, {
      ...status,
      ...computePhase({ spec, newVersionReady: false, offlineDone: false, broken }),
    });
    return {};
  }
  // An adopted Deployment is routed to as it is: never created, edited or scaled by Aviary.
  if (stable && !adopted) {
    const built = buildNewDeployment(stable as DeploymentLike, spec, metadata.name);
    if (!built.ok) {
      await writeStatus(api, job, {
        ...status,
        ...computePhase({
          spec,
          newVersionReady: false,
          offlineDone: false,
          broken: { reason: 'InvalidWorkload', message: built.error },
        }),
      });
      return {};
    }
    const body = {
      ...built.deployment,
      metadata: { ...built.deployment.metadata, ownerReferences: [ownerReferenceTo(job)] },
    } as V1Deployment;
    if (!created) {
      created = await api.apps.createNamespacedDeployment({ namespace: metadata.namespace, body });
      await api.event(job, 'Normal', 'WorkloadCreated', `created Deployment ${newName}`);
    } else {
      // Replicas the job does not set are the stable's at creation, then the new version's own:
      // scaling the stable version down after a take-over must not scale the new one with it.
      const replicas = spec.newVersion.replicas ?? created.spec?.replicas;
      // What the job wants must hold; what it leaves unset the API server may have defaulted.
      if (
        createdByJob({ labels: created.metadata?.labels }, metadata.name) &&
        !semanticallyContains(
          { replicas: created.spec?.replicas, template: created.spec?.template },
          { replicas, template: body.spec?.template },
        )
      )
        // An edit of the new version: image, replicas or env changed in the spec.
        created = await api.apps.replaceNamespacedDeployment({
          namespace: metadata.namespace,
          name: newName,
          body: {
            ...created,
            spec: { ...created.spec!, replicas, template: body.spec!.template },
          },
        });
    }
  }

  // 2. Wait as the policy says; once traffic reached the new version, a brief unready spell does not pull it back.
  const wasReady =
    status.conditions?.some((c) => c.type === 'WorkloadReady' && c.status === 'True') ?? false;
  const policy = spec.policy ?? 'WaitForWorkloadReady';
  const podsReady = deploymentReady(created as Parameters<typeof deploymentReady>[0]);
  const newVersionReady =
    policy === 'Paused' ? false : policy === 'Immediately' || podsReady || wasReady;
  // Only while the pods are not ready: why not, from their status (one list, never at rest).
  const problem =
    podsReady || !created?.spec?.selector?.matchLabels
      ? undefined
      : workloadProblem(await api.listPods(metadata.namespace, created.spec.selector.matchLabels));
  const readiness = `${newName}: ${created?.status?.readyReplicas ?? 0}/${created?.spec?.replicas ?? 0} ready`;
  const workloadMessage = problem ? `${readiness}; ${problem}` : readiness;
  const previousWorkload = status.conditions?.find((c) => c.type === 'WorkloadReady');
  // One Warning when pods get into trouble; the message then follows (a kubelet alternates
  // ErrImagePull and ImagePullBackOff, which is no news worth an event each time).
  if (problem && previousWorkload?.reason !== 'PodProblem')
    await api.event(job, 'Warning', 'WorkloadNotReady', workloadMessage);
  status.conditions = setCondition(
    status.conditions,
    {
      type: 'WorkloadReady',
      status: newVersionReady ? 'True' : 'False',
      reason: podsReady ? 'PodsReady' : problem ? 'PodProblem' : 'Waiting',
      message: workloadMessage,
    },
    now,
  );

  // 3. Steps and gates.
  let outcome: StepOutcome | undefined;
  if (spec.steps?.length && newVersionReady) {
    const position = {
      currentStep: status.currentStep ?? 0,
      stepStartedAt: status.stepStartedAt ?? now.toISOString(),
    };
    const verdictOf = (step: number) =>
      gateVerdict(
        spec.steps![step]!.analysis!,
        (status.analysis ?? []).filter((r) => r.step === step),
      );
    outcome = spec.paused
      ? { ...position, weight: 0, done: false }
      : advanceSteps(spec, position, now, verdictOf);
    // A failed gate is final: no more checks, so the record of why it failed stays as it was.
    if (!spec.paused && !outcome.failed) {
      status = await runAnalysis(job, outcome, status, now, options.metrics);
      outcome = advanceSteps(spec, position, now, verdictOf);
    }
    outcome = withLastCheck(outcome, status);
    status.currentStep = outcome.currentStep;
    status.stepStartedAt = outcome.stepStartedAt;
    status.conditions = inconclusiveCondition(status.conditions, outcome, now);
  }
  const analysisFailed =
    outcome?.failed ??
    (status.reason === 'AnalysisFailed'
      ? { reason: 'AnalysisFailed', message: status.message ?? '' }
      : undefined);
  if (analysisFailed && job.status?.reason !== 'AnalysisFailed') {
    // The controller rolled back on its own: the history says so, next to the users' actions.
    status.history = appendHistory(status.history, {
      time: now.toISOString(),
      actor: controllerActor,
      action: 'AutomaticRollback',
      before: job.status?.message ?? '',
      after: `all traffic to ${spec.stableVersion}: ${analysisFailed.message}`,
    });
  }
  const stepWeight = spec.paused && outcome ? undefined : outcome?.weight;
  const plan = planTraffic({
    spec,
    newVersionReady,
    stepWeight: stepWeight ?? (spec.steps?.length ? 0 : undefined),
    analysisFailed: analysisFailed !== undefined,
  });
  const ctx: RouteContext = { ...ctxBase, ports, plan };
  const stableCondition = stableAvailability(stable, spec.stableVersion, versionsInPlan(plan));
  const stableWasAvailable =
    status.conditions?.find((c) => c.type === 'StableAvailable')?.status !== 'False';
  if (stableCondition.status === 'False' && stableWasAvailable)
    await api.event(job, 'Warning', 'StableUnavailable', stableCondition.message);
  status.conditions = setCondition(status.conditions, stableCondition, now);

  // 4. Subsets, then routes.
  await applySubsets(
    api,
    job,
    ctx,
    [
      ...new Set([
        spec.stableVersion,
        ...(newVersionReady ? [spec.newVersion.version] : []),
        ...versionsInPlan(plan),
      ]),
    ],
    versionKey,
  );
  const wanted = await desiredVirtualServices(api, job, ctx);
  const conflictWindow = options.conflictWindowMs ?? 60_000;
  const threshold = options.conflictThreshold ?? 3;
  // A Conflict holds until a user changes the spec (say, resume): then Aviary restores once more.
  const inConflict =
    (status.conditions?.some((c) => c.type === 'Conflict' && c.status === 'True') ?? false) &&
    job.status?.observedGeneration === metadata.generation;
  let conflict: { message: string } | undefined;
  const specChanged = job.status?.observedGeneration !== metadata.generation;
  /** The longest wait before restoring an overridden VirtualService (0: none pending). */
  let restoreAfterMs = 0;
  /** What the API server holds now: the answer to a write, else the object as read. */
  const applied = new Map<string, VirtualService | undefined>();
  for (const { live, desired } of wanted) {
    applied.set(desired.metadata.name, live);
    if (!changed(live, desired)) continue;
    const before = (status.traffic ?? []).filter((t) => t.virtualService === desired.metadata.name);
    const settled = before.length > 0 && before.every((t) => semanticEqual(t.desired, t.applied));
    const sameWish = semanticEqual(
      before.map((t) => t.desired),
      trafficStatus(ctx, [{ desired }]).map((t) => t.desired),
    );
    if (live && inConflict) {
      conflict = { message: status.conditions!.find((c) => c.type === 'Conflict')!.message };
      continue;
    }
    if (live && settled && sameWish) {
      const who = lastManager(live) ?? 'someone';
      status.overrides = recentOverrides(status.overrides, now, conflictWindow);
      if (status.overrides.length >= threshold) {
        conflict = {
          message: `VirtualService ${desired.metadata.name} was changed by ${who} ${status.overrides.length} times within ${conflictWindow / 1000}s: Aviary stopped restoring it; fix the other writer, then resume`,
        };
        continue;
      }
      const wait = msUntilRestore(status.overrides, now, conflictWindow);
      await api.event(
        job,
        'Warning',
        'RouteOverridden',
        `VirtualService ${desired.metadata.name} was changed by ${who}; restoring the job's routes${wait > 0 ? ` in ${wait / 1000} s (override ${status.overrides.length} of ${threshold} within ${conflictWindow / 1000}s)` : ''}`,
      );
    }
    // Restores back off while someone keeps overriding; a change of the spec is acted on at once.
    const restoreWait =
      live && sameWish && !specChanged ? msUntilRestore(status.overrides, now, conflictWindow) : 0;
    if (restoreWait > 0) {
      restoreAfterMs = Math.max(restoreAfterMs, restoreWait);
      continue;
    }
    applied.set(desired.metadata.name, await api.writeIstio(desired, live !== undefined));
  }
  status.conditions = setCondition(
    status.conditions,
    conflict
      ? { type: 'Conflict', status: 'True', reason: 'RepeatedOverrides', message: conflict.message }
      : { type: 'Conflict', status: 'False', reason: 'NoConflict', message: '' },
    now,
  );
  if (conflict && !inConflict) await api.event(job, 'Warning', 'Conflict', conflict.message);
  status.conditions = await rulesCondition(api, job, status.conditions, wanted, now);

  // 5. Status, with the applied weights as the API server stored them. A change made after that
  // comes as a watch event, and the next reconcile reads it.
  status.traffic = trafficStatus(
    ctx,
    wanted.map(({ desired }) => ({ desired, applied: applied.get(desired.metadata.name) })),
  );
  const phase = computePhase({
    spec,
    newVersionReady,
    workloadProblem: problem,
    offlineDone: false,
    analysisFailed,
    waiting: outcome?.waiting,
    conflict,
  });
  const ready = status.traffic.every((t) => semanticEqual(t.desired, t.applied));
  status = {
    ...status,
    ...phase,
    conditions: setCondition(
      status.conditions,
      {
        type: 'Ready',
        status: ready ? 'True' : 'False',
        reason: ready ? 'Applied' : 'Pending',
        message: ready ? 'the VirtualServices hold the desired weights' : 'weights not applied yet',
      },
      now,
    ),
  };
  await writeStatus(api, job, status);
  const next = nextReconcile(spec, status, outcome, newVersionReady, now, options);
  if (restoreAfterMs === 0) return next;
  return { requeueAfterMs: Math.min(next.requeueAfterMs ?? Infinity, restoreAfterMs) };
}

/** When to look at the job again on its own: waiting for pods, the next analysis, a timed pause. */
function nextReconcile(
  spec: ReleaseJob['spec'],
  status: ReleaseJobStatus,
  outcome: StepOutcome | undefined,
  newVersionReady: boolean,
  now: Date,
  options: ReconcileOptions,
): ReconcileResult {
  if (!newVersionReady) return { requeueAfterMs: options.waitRequeueMs ?? 1_000 };
  if (outcome?.analysisStep !== undefined && !outcome.failed)
    return {
      requeueAfterMs: Math.max(
        200,
        msUntilCheck(
          spec.steps![outcome.analysisStep]!.analysis!,
          (status.analysis ?? []).filter((r) => r.step === outcome.analysisStep),
          now,
        ),
      ),
    };
  if (outcome?.waiting?.reason === 'PauseStep') return { requeueAfterMs: 1_000 };
  return {};
}
