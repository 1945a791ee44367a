/**
 * The arithmetic and bookkeeping of `k8s.io/kubernetes/pkg/controller/deployment/util`: surge and
 * unavailability fenceposts, revisions, which ReplicaSet is the new one, orderings.
 */
import { podTemplateHashLabel } from './pod-template-hash';
import { semanticEqual, timeMs } from './object-meta';
import type { Deployment, IntOrString, PodTemplateSpec, ReplicaSet } from './workload-types';

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';

/** API defaults the sandbox cannot count on the server to have filled in. */
export const defaultRevisionHistoryLimit = 10;
export const defaultProgressDeadlineSeconds = 600;

/** `spec.replicas`, defaulting to 1 as the API server does. */
export function desiredReplicas(d: { spec: { replicas?: number } }): number {
  return d.spec.replicas ?? 1;
}

export function rsReplicas(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 1;
}

export function isRecreate(d: Deployment): boolean {
  return d.spec.strategy?.type === 'Recreate';
}

/**
 * An int-or-percent against a total: "25%" of 10 is 3 rounded up, 2 rounded down
 * (`intstr.GetScaledValueFromIntOrPercent`). Malformed values count as 0.
 */
export function scaledValue(
  value: IntOrString | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  if (!percent) return /^\d+$/.test(value) ? Number(value) : 0;
  const exact = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * maxSurge (rounded up) and maxUnavailable (rounded down) for a rolling update; when both come
 * out 0 the rollout could never move, so unavailability becomes 1 (`ResolveFenceposts`).
 */
export function resolveFenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const desired = desiredReplicas(d);
  const rolling = d.spec.strategy?.rollingUpdate;
  const maxSurge = scaledValue(rolling?.maxSurge ?? '25%', desired, true);
  let maxUnavailable = scaledValue(rolling?.maxUnavailable ?? '25%', desired, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** Pods that may be unavailable: 0 for Recreate or no replicas, never more than the replicas. */
export function maxUnavailable(d: Deployment): number {
  const desired = desiredReplicas(d);
  if (isRecreate(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d).maxUnavailable, desired);
}

/** Pods allowed above the desired count: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  return isRecreate(d) ? 0 : resolveFenceposts(d).maxSurge;
}

/** The revision a ReplicaSet or Deployment carries in its annotation, 0 when none. */
export function revisionOf(object: { metadata: { annotations?: Record<string, string> } }): number {
  const value = Number(object.metadata.annotations?.[revisionAnnotation]);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

export function maxRevision(replicaSets: ReplicaSet[]): number {
  return replicaSets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/** A template without the pod-template-hash label, for comparing a ReplicaSet's to its Deployment's. */
function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels[podTemplateHashLabel];
  return { ...template, metadata: { ...template?.metadata, labels } };
}

/** `EqualIgnoreHash`: the templates are the same apart from the pod-template-hash label. */
export function templatesEqualIgnoringHash(
  a: PodTemplateSpec | undefined,
  b: PodTemplateSpec | undefined,
): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/** Oldest first; ties broken by name, as `ReplicaSetsByCreationTimestamp`. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const diff = timeMs(a.metadata.creationTimestamp) - timeMs(b.metadata.creationTimestamp);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** Lowest revision first, then oldest (`ReplicaSetsByRevision`). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

/** The oldest owned ReplicaSet whose template is the Deployment's (`FindNewReplicaSet`). */
export function findNewReplicaSet(d: Deployment, owned: ReplicaSet[]): ReplicaSet | undefined {
  return [...owned]
    .sort(byCreation)
    .find((rs) => templatesEqualIgnoringHash(rs.spec.template, d.spec.template));
}

export function sumReplicas(replicaSets: ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + rsReplicas(rs), 0);
}

export function sumStatus(
  replicaSets: ReplicaSet[],
  field: 'replicas' | 'readyReplicas' | 'availableReplicas',
): number {
  return replicaSets.reduce((sum, rs) => sum + (rs.status?.[field] ?? 0), 0);
}
