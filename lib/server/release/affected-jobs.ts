import type { DestinationRule, VirtualService } from '@/lib/domain/istio/types';
import {
  createdByJob,
  hostIsService,
  readRecords,
  virtualServiceConcerns,
} from '@/lib/domain/release';

/** A release job as far as VirtualService events care: its name and the service it releases. */
export interface JobService {
  name: string;
  service: string;
}

/**
 * The jobs in the VirtualService's namespace that a change to it concerns: those whose service it
 * hosts or routes to (short name, `svc.ns`, `svc.ns.svc` or the FQDN), those it holds a record of
 * (a hand edit may have taken the service out of it), and the one that created it. Undefined when
 * the object cannot be read (no spec, as in a watch error): then every job of the namespace.
 */
export function jobsConcernedBy(
  vs: Partial<VirtualService> | undefined,
  jobs: readonly JobService[],
): JobService[] | undefined {
  if (!vs?.spec || !vs.metadata?.namespace) return undefined;
  const view = vs as VirtualService;
  const records = readRecords(view.metadata);
  return jobs.filter((job) => {
    if (records[job.name] !== undefined || createdByJob(view.metadata, job.name)) return true;
    const concerns = virtualServiceConcerns(view, {
      service: job.service,
      namespace: view.metadata.namespace!,
    });
    return concerns.hostsService || concerns.routesToService;
  });
}

/**
 * The jobs in the DestinationRule's namespace that a change to it concerns: those whose service
 * its host names, those it holds recorded subsets of, and the one that created it. Undefined when
 * the object cannot be read: then every job of the namespace.
 */
export function jobsConcernedByRule(
  dr: Partial<DestinationRule> | undefined,
  jobs: readonly JobService[],
): JobService[] | undefined {
  if (!dr?.spec || !dr.metadata?.namespace) return undefined;
  const { metadata, spec } = dr as DestinationRule;
  const records = readRecords(metadata);
  return jobs.filter(
    (job) =>
      records[job.name] !== undefined ||
      createdByJob(metadata, job.name) ||
      hostIsService(spec.host, job.service, metadata.namespace!),
  );
}
