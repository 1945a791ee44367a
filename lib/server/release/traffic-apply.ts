import 'server-only';
import type { DestinationRule, VirtualService } from '@/lib/domain/istio/types';
import { semanticEqual } from '@/lib/domain/kube/semantic-equal';
import {
  applyToVirtualServiceWithWarnings,
  controllerFieldManager,
  createdByJob,
  ensureSubsets,
  managedLabels,
  ownDestinationRuleSpec,
  ownVirtualServiceSpec,
  readRecords,
  removeRecordedSubsets,
  restoreVirtualService,
  routeWeights,
  sameWrittenContent,
  virtualServiceConcerns,
  type ContentRuleWarning,
  type ReleaseJob,
  type RouteContext,
  type TrafficStatus,
} from '@/lib/domain/release';
import { ownerReferenceTo, type ReleaseApi } from './release-api';

/**
 * Writes a job's traffic plan into the Istio objects, subsets before routes (make-before-break),
 * and undoes it, routes before subsets. Every write is a replace with the resourceVersion read.
 * Whether an object needs one is decided by meaning (sameWrittenContent), never by text: the API
 * server answers with a custom resource's keys sorted, not in the order the builders write them.
 */

/** DestinationRules for the service: someone else's get the missing subsets; with none, the job creates its own. */
export async function applySubsets(
  api: ReleaseApi,
  job: ReleaseJob,
  ctx: RouteContext,
  versions: readonly string[],
  /** The version label the service's pods carry (see versionLabelOf). */
  label: string,
): Promise<void> {
  const rules = (await api.listDestinationRules(ctx.namespace)).filter((dr) =>
    hostMatches(dr.spec.host, ctx),
  );
  const theirs = rules.filter((dr) => !createdByJob(dr.metadata, ctx.job));
  const own = rules.find((dr) => createdByJob(dr.metadata, ctx.job));
  if (theirs.length > 0) {
    for (const dr of theirs) {
      const next = ensureSubsets(dr, ctx.job, versions, label);
      if (!sameWrittenContent(next, dr)) await api.writeIstio(next, true);
    }
    if (own) await api.deleteIstio('DestinationRule', ctx.namespace, own.metadata.name);
    return;
  }
  const spec = ownDestinationRuleSpec(ctx.service, versions, label);
  if (own && semanticEqual(own.spec, spec)) return;
  const body: DestinationRule = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: {
      ...(own?.metadata ?? {}),
      name: own?.metadata.name ?? ctx.service,
      namespace: ctx.namespace,
      labels: managedLabels(ctx.job),
      ownerReferences: [ownerReferenceTo(job)],
    } as DestinationRule['metadata'],
    spec,
  };
  await api.writeIstio(body, own !== undefined);
}

function hostMatches(host: string, ctx: Pick<RouteContext, 'service' | 'namespace'>): boolean {
  return [
    ctx.service,
    `${ctx.service}.${ctx.namespace}`,
    `${ctx.service}.${ctx.namespace}.svc`,
    `${ctx.service}.${ctx.namespace}.svc.cluster.local`,
  ].includes(host);
}

export interface RouteWrite {
  name: string;
  /** The live object differed from what the job wants. */
  changed: boolean;
  /** Who last wrote the object (its newest managedFields entry), to name in a Conflict. */
  lastManager?: string;
  desired: VirtualService;
}

export interface WantedVirtualService {
  live?: VirtualService;
  desired: VirtualService;
  /** Content rules that could not be combined with one of its routes (a gateway's, say). */
  warnings?: ContentRuleWarning[];
}

/** The VirtualServices as the plan wants them (own one included when nobody else hosts the service). */
export async function desiredVirtualServices(
  api: ReleaseApi,
  job: ReleaseJob,
  ctx: RouteContext,
): Promise<WantedVirtualService[]> {
  const all = await api.listVirtualServices(ctx.namespace);
  const own = all.find((vs) => createdByJob(vs.metadata, ctx.job));
  const result: WantedVirtualService[] = [];
  let hosted = false;
  for (const vs of all) {
    if (vs === own) continue;
    const concerns = virtualServiceConcerns(vs, ctx);
    const hasRecord = readRecords(vs.metadata)[ctx.job] !== undefined;
    if (!concerns.routesToService && !hasRecord && !concerns.hostsService) continue;
    hosted ||= concerns.hostsService;
    const change = applyToVirtualServiceWithWarnings(vs, ctx, concerns.hostsService);
    result.push({ live: vs, desired: change.virtualService, warnings: change.warnings });
  }
  if (!hosted) {
    const metadata = {
      ...(own?.metadata ?? {}),
      name: own?.metadata.name ?? ctx.service,
      namespace: ctx.namespace,
      labels: managedLabels(ctx.job),
      ownerReferences: [ownerReferenceTo(job)],
    };
    result.push({
      live: own,
      desired: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: metadata as VirtualService['metadata'],
        spec: ownVirtualServiceSpec(ctx),
      },
    });
  } else if (own) {
    await api.deleteIstio('VirtualService', ctx.namespace, own.metadata.name);
  }
  return result;
}

export function changed(live: VirtualService | undefined, desired: VirtualService): boolean {
  return !live || !sameWrittenContent(live, desired);
}

/**
 * The newest writer of an object other than the controller itself, from its managedFields: who
 * changed what Aviary manages, to name in events and the Conflict condition.
 */
export function lastManager(object: { metadata: object } | undefined): string | undefined {
  const fields = ((object?.metadata as { managedFields?: unknown[] } | undefined)?.managedFields ??
    []) as { manager?: string; time?: string }[];
  return [...fields]
    .filter((entry) => entry.manager !== controllerFieldManager)
    .sort((a, b) => String(a.time).localeCompare(String(b.time)))
    .at(-1)?.manager;
}

/** Desired vs applied weights for every route the job manages, applied read back from the cluster. */
export function trafficStatus(
  ctx: RouteContext,
  pairs: readonly { desired: VirtualService; applied?: VirtualService }[],
): TrafficStatus[] {
  const out: TrafficStatus[] = [];
  for (const { desired, applied } of pairs) {
    const routes = [
      ...(desired.spec.http ?? []).map((r, i) => ({ r, i, protocol: 'http' as const })),
      ...(desired.spec.tcp ?? []).map((r, i) => ({ r, i, protocol: 'tcp' as const })),
    ];
    for (const { r, i, protocol } of routes) {
      const desiredWeights = routeWeights(r, ctx);
      if (Object.keys(desiredWeights).length === 0) continue;
      const name = ('name' in r && r.name) || `${protocol}[${i}]`;
      const live =
        protocol === 'http'
          ? (applied?.spec.http ?? []).find((x, j) =>
              (r as { name?: string }).name ? x.name === name : j === i,
            )
          : applied?.spec.tcp?.[i];
      const port = r.route?.[0]?.destination.port?.number;
      out.push({
        virtualService: desired.metadata.name,
        route: name,
        ...(port !== undefined ? { port } : {}),
        protocol,
        desired: desiredWeights,
        applied: live ? routeWeights(live, ctx) : {},
      });
    }
  }
  return out;
}

/**
 * Takes the job out of every Istio object: routes first (others' VirtualServices restored, its own
 * deleted), then subsets. `removedVersion` is the version whose workload is gone (offline).
 */
export async function removeTraffic(
  api: ReleaseApi,
  ctx: Pick<RouteContext, 'job' | 'namespace' | 'service'>,
  removedVersion?: string,
): Promise<void> {
  for (const vs of await api.listVirtualServices(ctx.namespace)) {
    if (createdByJob(vs.metadata, ctx.job))
      await api.deleteIstio('VirtualService', ctx.namespace, vs.metadata.name);
    else if (readRecords(vs.metadata)[ctx.job])
      await api.writeIstio(restoreVirtualService(vs, ctx, { removedVersion }), true);
  }
  for (const dr of await api.listDestinationRules(ctx.namespace)) {
    if (createdByJob(dr.metadata, ctx.job))
      await api.deleteIstio('DestinationRule', ctx.namespace, dr.metadata.name);
    else if (readRecords(dr.metadata)[ctx.job])
      await api.writeIstio(removeRecordedSubsets(dr, ctx.job), true);
  }
}
