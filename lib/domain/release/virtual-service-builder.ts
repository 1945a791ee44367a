import type {
  HTTPRoute,
  HTTPRouteDestination,
  TCPRoute,
  VirtualService,
  VirtualServiceSpec,
} from '../istio/types';
import { rulesOnRoute, userRouteKeys, type ContentRuleWarning } from './content-rule-routes';
import { managedRouteName, isManagedRouteName } from './names';
import { readRecords, withRecord, type JobRecord, type RouteRecord } from './ownership';
import { hostIsService, type ServicePort } from './service-ports';
import type { Split, TrafficPlan } from './traffic-plan';

/**
 * The VirtualService side of a job. In a VirtualService the job created it owns everything; in
 * anyone else's it owns only its named routes and the destinations that point at the released
 * service (replaced by the split, the originals recorded on the object), and every change starts
 * from the restored object, so applying twice gives the same result (idempotent reconciles).
 */

export interface RouteContext {
  job: string;
  namespace: string;
  service: string;
  ports: readonly ServicePort[];
  plan: TrafficPlan;
}

const pointsAtService =
  (ctx: Pick<RouteContext, 'service' | 'namespace'>) => (d: { destination: { host: string } }) =>
    hostIsService(d.destination.host, ctx.service, ctx.namespace);

/** The weighted destinations of a split on one port (no port when the service's port is unknown). */
export function splitDestinations(
  ctx: RouteContext,
  split: Split,
  port: number | undefined,
): HTTPRouteDestination[] {
  return Object.entries(split).map(([subset, weight]) => ({
    destination: {
      host: ctx.service,
      subset,
      ...(port !== undefined ? { port: { number: port } } : {}),
    },
    weight,
  }));
}

function mirrorFields(
  ctx: RouteContext,
  port: number | undefined,
): Pick<HTTPRoute, 'mirror' | 'mirrorPercentage'> {
  if (!ctx.plan.mirror) return {};
  return {
    mirror: {
      host: ctx.service,
      subset: ctx.plan.mirror.version,
      ...(port !== undefined ? { port: { number: port } } : {}),
    },
    mirrorPercentage: { value: ctx.plan.mirror.percentage },
  };
}

function httpPorts(ctx: RouteContext): (number | undefined)[] {
  const ports = ctx.ports.filter((p) => p.protocol === 'http').map((p) => p.port);
  if (ports.length === 0 && !ctx.ports.some((p) => p.protocol === 'tcp')) return [undefined];
  return ports;
}

/** The content-rule routes for one port: each rule is ONE match block (its conditions AND-ed). */
function ruleRoutes(ctx: RouteContext, port: number | undefined, multiPort: boolean): HTTPRoute[] {
  return ctx.plan.rules.map((rule) => ({
    name: managedRouteName(
      ctx.job,
      multiPort && port !== undefined ? `${rule.name}-${port}` : rule.name,
    ),
    match: [{ ...rule.match, ...(multiPort && port !== undefined ? { port } : {}) }],
    route: splitDestinations(ctx, rule.split, port),
  }));
}

/** The whole spec of a VirtualService the job created: rules, then a default route per HTTP port, and a TCP route per TCP port. */
export function ownVirtualServiceSpec(ctx: RouteContext): VirtualServiceSpec {
  const ports = httpPorts(ctx);
  const multi = ports.length > 1;
  const http: HTTPRoute[] = ports.flatMap((port) => [
    ...ruleRoutes(ctx, port, multi),
    {
      name: managedRouteName(ctx.job, multi ? `http-${port}` : 'default'),
      ...(multi ? { match: [{ port }] } : {}),
      route: splitDestinations(ctx, ctx.plan.split, port),
      ...mirrorFields(ctx, port),
    },
  ]);
  const tcp: TCPRoute[] = ctx.ports
    .filter((p) => p.protocol === 'tcp')
    .map((p) => ({
      match: [{ port: p.port }],
      route: splitDestinations(ctx, ctx.plan.split, p.port),
    }));
  return { hosts: [ctx.service], ...(http.length ? { http } : {}), ...(tcp.length ? { tcp } : {}) };
}

function routePort(
  route: {
    match?: { port?: number }[];
    route?: { destination: { host: string; port?: { number?: number } } }[];
  },
  ctx: RouteContext,
): number | undefined {
  const target = route.route?.find(pointsAtService(ctx));
  const port =
    target?.destination.port?.number ?? route.match?.find((m) => m.port !== undefined)?.port;
  if (port !== undefined) return port;
  return ctx.ports.length === 1 ? ctx.ports[0]!.port : undefined;
}

/** Replaces the service's destinations by a split (the plan's by default), scaled to the share they had beside other hosts. */
function replaceDestinations<D extends { destination: { host: string }; weight?: number }>(
  destinations: readonly D[],
  ctx: RouteContext,
  port: number | undefined,
  planned: Split = ctx.plan.split,
): HTTPRouteDestination[] {
  const others = destinations.filter((d) => !pointsAtService(ctx)(d));
  const split = splitDestinations(ctx, planned, port);
  if (others.length === 0) return split;
  const share = destinations
    .filter(pointsAtService(ctx))
    .reduce((sum, d) => sum + (d.weight ?? 0), 0);
  let left = share;
  const scaled = split.map((d, i) => {
    const weight = i === split.length - 1 ? left : Math.round(((d.weight ?? 0) * share) / 100);
    left -= weight;
    return { ...d, weight };
  });
  return [...(others as unknown as HTTPRouteDestination[]), ...scaled.filter((d) => d.weight > 0)];
}

export interface RestoreOptions {
  /** A version whose workload is gone: restored destinations naming it lose the subset (the kept version is all that is left). */
  removedVersion?: string;
}

function restoredDestinations(
  route: unknown[],
  ctx: Pick<RouteContext, 'service' | 'namespace'>,
  options: RestoreOptions,
): unknown[] {
  if (!options.removedVersion) return route;
  return (route as HTTPRouteDestination[]).map((d) => {
    if (!pointsAtService(ctx)(d) || d.destination.subset !== options.removedVersion) return d;
    const destination = { ...d.destination };
    delete destination.subset;
    return { ...d, destination };
  });
}

function restoreRoute<
  R extends { route?: unknown[]; mirror?: unknown; mirrorPercentage?: unknown },
>(
  route: R,
  record: RouteRecord,
  ctx: Pick<RouteContext, 'service' | 'namespace'>,
  options: RestoreOptions,
): R {
  const restored: R = { ...route, route: restoredDestinations(record.route, ctx, options) };
  delete restored.mirror;
  delete restored.mirrorPercentage;
  const mirrorGone =
    (record.mirror as { subset?: string } | undefined)?.subset === options.removedVersion &&
    options.removedVersion;
  if (record.mirror !== undefined && !mirrorGone) restored.mirror = record.mirror;
  if (record.mirrorPercentage !== undefined && !mirrorGone)
    restored.mirrorPercentage = record.mirrorPercentage;
  return restored;
}

/**
 * Whether a route belongs to any job with a record on the object. A record's `index` counts only
 * the routes of none of them, so one job's routes coming or going (say, its content rules in a
 * gateway VirtualService) never shifts what another job recorded.
 */
function ownedByRecordedJob(jobs: readonly string[], name: string | undefined): boolean {
  return jobs.some((job) => isManagedRouteName(job, name));
}

/** Positions in `routes` of the routes no recorded job owns: a record's `index` is a place in this list. */
function userRoutePositions(
  routes: readonly { name?: string }[],
  jobs: readonly string[],
): number[] {
  return routes.flatMap((route, position) =>
    ownedByRecordedJob(jobs, route.name) ? [] : [position],
  );
}

/**
 * Someone else's VirtualService as it was before the job: the job's routes out, every replaced
 * destination put back as recorded, the job's record gone. Other jobs' records are untouched.
 */
export function restoreVirtualService(
  vs: VirtualService,
  ctx: Pick<RouteContext, 'job' | 'service' | 'namespace'>,
  options: RestoreOptions = {},
): VirtualService {
  const records = readRecords(vs.metadata);
  const record: JobRecord = records[ctx.job] ?? {};
  const otherJobs = Object.keys(records).filter((job) => job !== ctx.job);
  const http = (vs.spec.http ?? []).filter((r) => !isManagedRouteName(ctx.job, r.name));
  const positions = userRoutePositions(http, otherJobs);
  for (const rec of record.http ?? []) {
    const position = positions[rec.index];
    if (position !== undefined) http[position] = restoreRoute(http[position]!, rec, ctx, options);
  }
  const tcp = [...(vs.spec.tcp ?? [])];
  for (const rec of record.tcp ?? [])
    if (tcp[rec.index])
      tcp[rec.index] = restoreRoute(tcp[rec.index]!, rec, ctx, options) as TCPRoute;
  const spec: VirtualServiceSpec = { ...vs.spec };
  if (vs.spec.http !== undefined) spec.http = http;
  if (vs.spec.tcp !== undefined) spec.tcp = tcp;
  return { ...vs, metadata: withRecord(vs.metadata, ctx.job, undefined), spec };
}

function recordOf(
  index: number,
  route: { name?: string; route?: unknown[]; mirror?: unknown; mirrorPercentage?: unknown },
): RouteRecord {
  const record: RouteRecord = { index, route: route.route ?? [] };
  if (route.name !== undefined) record.name = route.name;
  if (route.mirror !== undefined) record.mirror = route.mirror;
  if (route.mirrorPercentage !== undefined) record.mirrorPercentage = route.mirrorPercentage;
  return record;
}

/** A VirtualService as the job wants it, with what the job's content rules could not express in it. */
export interface VirtualServiceChange {
  virtualService: VirtualService;
  warnings: ContentRuleWarning[];
}

/**
 * Applies the plan to someone else's VirtualService and says which content rules it could not
 * express there. `hostsService`: the VirtualService is the service's mesh rule (its hosts name
 * the service), so the job's content rules go in it as they are, just before the first route of
 * each port that reaches the service. Otherwise (a gateway's VirtualService, say) every route to
 * the service gets the rules combined with its own match just before it (see `rulesOnRoute`).
 * Every route to the service gets the split. Restoring gives back `vs` exactly.
 */
export function applyToVirtualServiceWithWarnings(
  vs: VirtualService,
  ctx: RouteContext,
  hostsService: boolean,
): VirtualServiceChange {
  const base = restoreVirtualService(vs, ctx);
  const otherJobs = Object.keys(readRecords(base.metadata));
  const record: JobRecord = { http: [], tcp: [] };
  const warnings: ContentRuleWarning[] = [];
  const multi = httpPorts(ctx).length > 1;
  const rulesDone = new Set<number | undefined>();
  const baseHttp = base.spec.http ?? [];
  const positions = userRoutePositions(baseHttp, otherJobs);
  const keys = userRouteKeys(positions.map((position) => baseHttp[position]!));
  const http: HTTPRoute[] = [];
  baseHttp.forEach((route, position) => {
    const index = positions.indexOf(position);
    if (index === -1 || !route.route?.some(pointsAtService(ctx))) {
      http.push(route);
      return;
    }
    const port = routePort(route, ctx);
    if (hostsService && !rulesDone.has(port)) {
      rulesDone.add(port);
      http.push(...ruleRoutes(ctx, port, multi));
    }
    if (!hostsService) {
      const rules = rulesOnRoute(route, ctx.plan.rules, {
        virtualService: vs.metadata.name,
        routeName: (part) => managedRouteName(ctx.job, `${part}-${keys[index]!}`),
        label: route.name ?? `http[${index}]`,
        destinations: (split) => replaceDestinations(route.route ?? [], ctx, port, split),
      });
      http.push(...rules.routes);
      warnings.push(...rules.warnings);
    }
    record.http!.push(recordOf(index, route));
    const replaced: HTTPRoute = { ...route, route: replaceDestinations(route.route, ctx, port) };
    if (ctx.plan.mirror) Object.assign(replaced, mirrorFields(ctx, port));
    http.push(replaced);
  });
  const tcp = (base.spec.tcp ?? []).map((route, index) => {
    if (!route.route?.some(pointsAtService(ctx))) return route;
    record.tcp!.push(recordOf(index, route));
    return { ...route, route: replaceDestinations(route.route, ctx, routePort(route, ctx)) };
  });
  const spec: VirtualServiceSpec = { ...base.spec };
  if (base.spec.http !== undefined) spec.http = http;
  if (base.spec.tcp !== undefined) spec.tcp = tcp;
  return {
    virtualService: { ...base, metadata: withRecord(base.metadata, ctx.job, record), spec },
    warnings,
  };
}

/** `applyToVirtualServiceWithWarnings` without the warnings: the VirtualService as the job wants it. */
export function applyToVirtualService(
  vs: VirtualService,
  ctx: RouteContext,
  hostsService: boolean,
): VirtualService {
  return applyToVirtualServiceWithWarnings(vs, ctx, hostsService).virtualService;
}

/** Whether a VirtualService concerns the service: its hosts name it, or a route sends to it. */
export function virtualServiceConcerns(
  vs: VirtualService,
  ctx: Pick<RouteContext, 'service' | 'namespace'>,
): { hostsService: boolean; routesToService: boolean } {
  const hostsService = (vs.spec.hosts ?? []).some((h) =>
    hostIsService(h, ctx.service, resolveNs(vs, ctx)),
  );
  const routes = [...(vs.spec.http ?? []), ...(vs.spec.tcp ?? [])];
  const routesToService = routes.some((r) => r.route?.some(pointsAtService(ctx)));
  return { hostsService, routesToService };
}

function resolveNs(vs: VirtualService, ctx: { namespace: string }): string {
  return vs.metadata.namespace ?? ctx.namespace;
}

/** Weight per subset of the service's destinations in one route (the applied side of the status). */
export function routeWeights(
  route: { route?: { destination: { host: string; subset?: string }; weight?: number }[] },
  ctx: Pick<RouteContext, 'service' | 'namespace'>,
): Record<string, number> {
  const targets = route.route ?? [];
  const weights: Record<string, number> = {};
  for (const d of targets) {
    if (!pointsAtService(ctx)(d)) continue;
    const key = d.destination.subset ?? '*';
    weights[key] = (weights[key] ?? 0) + (d.weight ?? (targets.length === 1 ? 100 : 0));
  }
  return weights;
}
