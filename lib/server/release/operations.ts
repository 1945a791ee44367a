import 'server-only';
import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import {
  createdByJob,
  lastActionAnnotation,
  notAviarysMessage,
  operationsFieldManager,
  releaseApiVersion,
  releaseJobSpecSchema,
  releaseKind,
  type ReleaseEvent,
  type ReleaseJob,
  type ReleaseJobSpec,
  workloadName,
  workloadSelectors,
} from '@/lib/domain/release';
import { asProgram } from '../kube/kube-config';
import { whoAmI } from './actor';
import { ReleaseApi } from './release-api';
import {
  ReleaseConflictError,
  ReleaseNotFoundError,
  ReleaseValidationError,
  reportingReleaseErrors,
} from './release-errors';

export { currentVersionOf } from './current-version';
export {
  ReleaseConflictError,
  ReleaseError,
  ReleaseForbiddenError,
  ReleaseNotFoundError,
  ReleaseValidationError,
} from './release-errors';

/**
 * Every user operation on a release job, one function each. Each is a change to the job's SPEC
 * made with the caller's own KubeConfig (the user, or the console impersonating the user), so
 * Kubernetes RBAC decides, and carries the resourceVersion it read: two concurrent changes give one
 * success and one ReleaseConflictError, and no update is lost. The actor goes into an annotation
 * (copied by the controller into the job's history) and a Kubernetes Event.
 */

function validate(spec: unknown): ReleaseJobSpec {
  const parsed = releaseJobSpecSchema.safeParse(spec);
  if (!parsed.success)
    throw new ReleaseValidationError(
      parsed.error.issues.map((i) => ({ path: ['spec', ...i.path].join('.'), message: i.message })),
    );
  return parsed.data;
}

/** The caller's own credentials, writing as `aviary` so managedFields and audit logs say so. */
const api = (kubeConfig: KubeConfig) =>
  new ReleaseApi(asProgram(kubeConfig, operationsFieldManager), 'v1');

function describeTraffic(spec: ReleaseJobSpec): string {
  const parts = [`weight ${spec.traffic?.weight ?? 0} % to ${spec.newVersion.version}`];
  if (spec.takeOver) parts.push(`taken over by ${spec.takeOver}`);
  if (spec.paused) parts.push('paused');
  if (spec.rollback) parts.push('rolled back');
  if (spec.offline) parts.push(`offline keeping ${spec.offline.keep}`);
  return parts.join(', ');
}

/**
 * Reads the job, applies `change` to its spec, validates, and replaces it with the
 * resourceVersion read (or `expectedResourceVersion`, when the caller showed the user a version).
 */
async function changeSpec(
  kubeConfig: KubeConfig,
  ref: { namespace: string; name: string; expectedResourceVersion?: string },
  action: string,
  change: (spec: ReleaseJobSpec) => ReleaseJobSpec,
): Promise<ReleaseJob> {
  return reportingReleaseErrors(async () => {
    const client = api(kubeConfig);
    const actor = await whoAmI(kubeConfig);
    for (let attempt = 1; ; attempt++) {
      const job = await client.getJob(ref.namespace, ref.name);
      if (!job)
        throw new ReleaseNotFoundError(
          `release job "${ref.name}" not found in namespace "${ref.namespace}"`,
        );
      const spec = validate(change(structuredClone(job.spec)));
      const event: ReleaseEvent = {
        time: new Date().toISOString(),
        actor,
        action,
        before: describeTraffic(job.spec),
        after: describeTraffic(spec),
      };
      const body: ReleaseJob = {
        ...job,
        metadata: {
          ...job.metadata,
          resourceVersion: ref.expectedResourceVersion ?? job.metadata.resourceVersion,
          annotations: {
            ...job.metadata.annotations,
            [lastActionAnnotation]: JSON.stringify(event),
          },
        },
        spec,
      };
      try {
        const written = await client.replaceJob(body);
        await client.event(
          written,
          'Normal',
          action,
          `${actor}: ${event.before} -> ${event.after}`,
          'aviary',
        );
        return written;
      } catch (error) {
        if (!(error instanceof ApiException && error.code === 409)) throw error;
        // The controller writes the job's status and finalizer all the time, and each write moves the
        // resourceVersion: a conflict with one of those is not a conflict with another user. Unless
        // the caller pinned the version it showed the user, read again and retry while the spec
        // (its generation) is the one this change was made against.
        const now =
          ref.expectedResourceVersion === undefined && attempt < 5
            ? await client.getJob(ref.namespace, ref.name)
            : undefined;
        if (
          now?.metadata.generation !== undefined &&
          now.metadata.generation === job.metadata.generation
        )
          continue;
        throw new ReleaseConflictError(
          `release job "${ref.name}" was changed by someone else since it was read; reload it and try again (${action} not applied)`,
        );
      }
    }
  });
}

type Ref = { namespace: string; name: string; expectedResourceVersion?: string };

export interface CreateReleaseJobInput {
  namespace: string;
  name: string;
  spec: ReleaseJobSpec;
}

/** Creates a job after the checks that need the cluster: the service and its stable version exist, one active job per service. */
export async function createReleaseJob(
  kubeConfig: KubeConfig,
  input: CreateReleaseJobInput,
): Promise<ReleaseJob> {
  return reportingReleaseErrors(async () => {
    const client = api(kubeConfig);
    const spec = validate(input.spec);
    if (!(await client.getService(input.namespace, spec.service)))
      throw new ReleaseNotFoundError(
        `service "${spec.service}" not found in namespace "${input.namespace}"`,
      );
    if (!(await client.findDeployment(input.namespace, spec.service, spec.stableVersion)))
      throw new ReleaseNotFoundError(
        `no Deployment of ${spec.service} version ${spec.stableVersion} in namespace "${input.namespace}": looked for labels ${workloadSelectors(spec.service, spec.stableVersion).join(' or ')}, and the name ${workloadName(spec.service, spec.stableVersion)}`,
      );
    await checkNewVersionWorkload(client, input, spec);
    const active = (await client.listJobs(input.namespace)).items.find(
      (j) => j.spec.service === spec.service && j.status?.phase !== 'Offline',
    );
    if (active)
      throw new ReleaseConflictError(
        `service "${spec.service}" already has an active release job "${active.metadata.name}": finish it (offline) first`,
      );
    const actor = await whoAmI(kubeConfig);
    const event: ReleaseEvent = {
      time: new Date().toISOString(),
      actor,
      action: 'Create',
      after: describeTraffic(spec),
    };
    const job = {
      apiVersion: releaseApiVersion,
      kind: releaseKind,
      metadata: {
        name: input.name,
        namespace: input.namespace,
        annotations: { [lastActionAnnotation]: JSON.stringify(event) },
      },
      spec,
    };
    try {
      const created = (await client.custom.createNamespacedCustomObject({
        group: 'aviary.dev',
        version: 'v1alpha1',
        namespace: input.namespace,
        plural: 'releasejobs',
        body: job,
      })) as ReleaseJob;
      await client.event(
        created,
        'Normal',
        'Create',
        `${actor} created the release of ${spec.service} ${spec.newVersion.version}`,
        'aviary',
      );
      return created;
    } catch (error) {
      if (error instanceof ApiException && error.code === 409)
        throw new ReleaseConflictError(`release job "${input.name}" already exists`);
      throw error;
    }
  });
}

/**
 * `<service>-<version>` must not be someone's workload unless the job adopts it: a job would route
 * to it without setting the requested image, and offline would delete it. An adopted one must
 * exist (Aviary has nothing to copy it from).
 */
async function checkNewVersionWorkload(
  client: ReleaseApi,
  input: CreateReleaseJobInput,
  spec: ReleaseJobSpec,
): Promise<void> {
  const name = workloadName(spec.service, spec.newVersion.version);
  const existing = await client.getDeployment(input.namespace, name);
  if (spec.newVersion.adopt) {
    if (!existing)
      throw new ReleaseNotFoundError(
        `no Deployment ${name} to adopt in namespace "${input.namespace}"`,
      );
    return;
  }
  if (existing && !createdByJob({ labels: existing.metadata?.labels }, input.name))
    throw new ReleaseConflictError(notAviarysMessage(name));
}

/** Changes the new version while the job runs (image, replicas, env). */
export const editNewVersion = (
  kc: KubeConfig,
  ref: Ref,
  changes: Partial<Pick<ReleaseJobSpec['newVersion'], 'image' | 'replicas' | 'env' | 'container'>>,
) =>
  changeSpec(kc, ref, 'Edit', (spec) => ({
    ...spec,
    newVersion: { ...spec.newVersion, ...changes },
  }));

/** Sets the percent of default traffic to the new version. */
export const setWeight = (kc: KubeConfig, ref: Ref, weight: number) =>
  changeSpec(kc, ref, 'SetWeight', (spec) => ({ ...spec, traffic: { ...spec.traffic, weight } }));

/** One version gets 100 % everywhere; the split stays in the spec for restore. */
export const takeOver = (kc: KubeConfig, ref: Ref, version: string) =>
  changeSpec(kc, ref, 'TakeOver', (spec) => ({ ...spec, takeOver: version }));

/** Clears a take-over (and a rollback), so the split comes back. */
export const restore = (kc: KubeConfig, ref: Ref) =>
  changeSpec(kc, ref, 'Restore', (spec) => {
    const next = { ...spec };
    delete next.takeOver;
    delete next.rollback;
    return next;
  });

export const pause = (kc: KubeConfig, ref: Ref) =>
  changeSpec(kc, ref, 'Pause', (spec) => ({ ...spec, paused: true }));

/** Resumes a paused job; a job created with the Paused policy starts shifting traffic. */
export const resume = (kc: KubeConfig, ref: Ref) =>
  changeSpec(kc, ref, 'Resume', (spec) => ({
    ...spec,
    paused: false,
    ...(spec.policy === 'Paused' ? { policy: 'WaitForWorkloadReady' as const } : {}),
  }));

/** Promotes past the current step, or fully (the new version gets all traffic). */
export async function promote(
  kc: KubeConfig,
  ref: Ref,
  options: { full?: boolean } = {},
): Promise<ReleaseJob> {
  return reportingReleaseErrors(async () => {
    const job = await api(kc).getJob(ref.namespace, ref.name);
    const current = job?.status?.currentStep ?? 0;
    return changeSpec(kc, ref, options.full ? 'PromoteFull' : 'Promote', (spec) => {
      if (options.full || !spec.steps?.length) return { ...spec, promoteFull: true };
      return { ...spec, promotedStep: Math.min(current, spec.steps.length - 1) };
    });
  });
}

/** All traffic back to the stable version. */
export const rollback = (kc: KubeConfig, ref: Ref) =>
  changeSpec(kc, ref, 'Rollback', (spec) => ({ ...spec, rollback: true }));

/** Keeps one version and removes the other; the job stays as the record, in phase Offline. */
export const offline = (kc: KubeConfig, ref: Ref, keep: string) =>
  changeSpec(kc, ref, 'Offline', (spec) => ({ ...spec, offline: { keep } }));

export async function getReleaseJob(
  kc: KubeConfig,
  namespace: string,
  name: string,
): Promise<ReleaseJob> {
  return reportingReleaseErrors(async () => {
    const job = await api(kc).getJob(namespace, name);
    if (!job)
      throw new ReleaseNotFoundError(`release job "${name}" not found in namespace "${namespace}"`);
    return job;
  });
}

export async function listReleaseJobs(kc: KubeConfig, namespace?: string): Promise<ReleaseJob[]> {
  return reportingReleaseErrors(async () => (await api(kc).listJobs(namespace)).items);
}
