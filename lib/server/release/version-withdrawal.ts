import 'server-only';
import type { V1Deployment } from '@kubernetes/client-node';
import {
  createdByJob,
  planTraffic,
  servicePorts,
  workloadName,
  type ReleaseJob,
  type ReleaseJobSpec,
  type RouteContext,
} from '@/lib/domain/release';
import type { ReleaseApi } from './release-api';
import { changed, desiredVirtualServices, removeTraffic } from './traffic-apply';

/**
 * Takes a version out of the mesh in the reverse of make-before-break: the routes the plan wants
 * (all traffic to the version kept), then the leaving Deployment, deleted in the foreground so it
 * stays until its pods are gone, then, once it is gone, the job's routes and subsets. Removing the
 * routes first would leave the Service's plain load balancing, which sends requests to every pod
 * it selects, the leaving ones too, until they are gone. Offline and a job's deletion both go this
 * way.
 * @returns the leaving Deployment's name while it is still going (look again before the routes).
 */
export async function withdrawVersion(
  api: ReleaseApi,
  job: ReleaseJob,
  ctx: RouteContext,
  leaving: V1Deployment | undefined,
  removedVersion?: string,
): Promise<string | undefined> {
  for (const { live, desired } of await desiredVirtualServices(api, job, ctx))
    if (live && changed(live, desired)) await api.writeIstio(desired, true);
  if (leaving) {
    if (!leaving.metadata?.deletionTimestamp)
      await api.apps.deleteNamespacedDeployment({
        namespace: job.metadata.namespace,
        name: leaving.metadata!.name!,
        propagationPolicy: 'Foreground',
      });
    return leaving.metadata!.name!;
  }
  await removeTraffic(api, ctx, removedVersion);
  return undefined;
}

/**
 * A job deleted before it went offline gives its release up: everything back to the stable
 * version, and the new version's Deployment (if the job made it) removed.
 * @returns whether the new version's pods are still going.
 */
export async function withdrawRelease(
  api: ReleaseApi,
  job: ReleaseJob,
  spec: ReleaseJobSpec | undefined,
): Promise<{ pending: boolean }> {
  const { metadata } = job;
  const service = spec && (await api.getService(metadata.namespace, spec.service));
  const ctx: RouteContext = {
    job: metadata.name,
    namespace: metadata.namespace,
    service: job.spec.service,
    ports: service ? servicePorts(service) : [],
    // Without a valid spec there is no plan: only the removal of the job's routes is left to do.
    plan: spec
      ? planTraffic({ spec: { ...spec, rollback: true }, newVersionReady: true })
      : { split: {}, rules: [] },
  };
  const created = await api.getDeployment(
    metadata.namespace,
    workloadName(job.spec.service, job.spec.newVersion.version),
  );
  const leaving =
    created && createdByJob({ labels: created.metadata?.labels }, metadata.name)
      ? created
      : undefined;
  return { pending: (await withdrawVersion(api, job, ctx, leaving)) !== undefined };
}
