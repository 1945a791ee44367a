import 'server-only';
import {
  createdByJob,
  planTraffic,
  servicePorts,
  workloadName,
  type ReleaseJob,
  type ReleaseJobSpec,
} from '@/lib/domain/release';
import type { ReleaseApi } from './release-api';
import { changed, desiredVirtualServices, removeTraffic } from './traffic-apply';

/**
 * A job deleted before it went offline gives up its release, in the reverse of make-before-break:
 * all traffic to the stable version, then the new version's workload (foreground, so the
 * Deployment stays until its pods are gone), then, once it is gone, the job's routes and subsets.
 * Removing the routes first would leave the Service's plain load balancing, which sends requests
 * to every pod it selects, the new version's too (a rolled-back, faulty one included) until they
 * are gone.
 * @returns whether the new version's pods are still going away (look again before the routes).
 */
export async function withdrawRelease(
  api: ReleaseApi,
  job: ReleaseJob,
  spec: ReleaseJobSpec | undefined,
): Promise<{ pending: boolean }> {
  const { metadata } = job;
  const base = { job: metadata.name, namespace: metadata.namespace, service: job.spec.service };
  const service = spec && (await api.getService(metadata.namespace, spec.service));
  if (spec && service) {
    const ctx = {
      ...base,
      ports: servicePorts(service),
      plan: planTraffic({ spec: { ...spec, rollback: true }, newVersionReady: true }),
    };
    for (const { live, desired } of await desiredVirtualServices(api, job, ctx))
      if (live && changed(live, desired)) await api.writeIstio(desired, true);
  }
  const created = await api.getDeployment(
    metadata.namespace,
    workloadName(job.spec.service, job.spec.newVersion.version),
  );
  if (created && createdByJob({ labels: created.metadata?.labels }, metadata.name)) {
    if (!created.metadata?.deletionTimestamp)
      await api.apps.deleteNamespacedDeployment({
        namespace: metadata.namespace,
        name: created.metadata!.name!,
        propagationPolicy: 'Foreground',
      });
    return { pending: true };
  }
  await removeTraffic(api, base);
  return { pending: false };
}
