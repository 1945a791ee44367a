/**
 * The deployment controller's decision, as a pure function: given a Deployment and the
 * ReplicaSets of its namespace, which ReplicaSets to create, scale or delete, and what status to
 * write. It follows `pkg/controller/deployment` (sync.go, rolling.go, recreate.go), one step per
 * call: the loop calls again when the ReplicaSets it changed report back.
 */
import { resources } from '../apiserver/cluster-client';
import type { EventIntent, Action, ReconcileResult } from './actions';
import {
  calculateStatus,
  deploymentComplete,
  findCondition,
  foundNewReplicaSetCondition,
  newReplicaSetCreatedCondition,
  pausedConditions,
  rolloutStatus,
  setCondition,
} from './deployment-status';
import {
  byCreation,
  byRevision,
  defaultRevisionHistoryLimit,
  desiredReplicas,
  desiredReplicasAnnotation,
  findNewReplicaSet,
  isRecreate,
  maxReplicasAnnotation,
  maxRevision,
  maxSurge,
  maxUnavailable,
  revisionAnnotation,
  revisionHistoryAnnotation,
  revisionOf,
  rsReplicas,
  sumReplicas,
  sumStatus,
} from './deployment-util';
import { selectorIsEmpty } from './label-selector';
import { clone, controllerReference, isControlledBy, semanticEqual } from './object-meta';
import { computePodTemplateHash, podTemplateHashLabel } from './pod-template-hash';
import type { Condition, Deployment, ReplicaSet } from './workload-types';

export const deploymentControllerName = 'deployment-controller';

export interface DeploymentReconcileInput {
  deployment: Deployment;
  /** Every ReplicaSet in the Deployment's namespace (owned ones are picked by controller uid). */
  replicaSets: ReplicaSet[];
  /** RFC 3339 time of this reconcile, for conditions. */
  now: string;
}

/** Annotations of the Deployment that are not copied onto its ReplicaSets (`skipCopyAnnotation`). */
const notCopied = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  revisionAnnotation,
  revisionHistoryAnnotation,
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  'deprecated.deployment.rollback.to',
]);

/** The state one reconcile builds up: working copies of the ReplicaSets and what changed. */
class Sync {
  readonly owned: ReplicaSet[];
  readonly created = new Set<string>();
  readonly changed = new Set<string>();
  readonly deleted: ReplicaSet[] = [];
  readonly events = new Map<string, EventIntent[]>();
  conditions: Condition[];
  collisionCount: number | undefined;
  deploymentRevision: number;
  /** Set when the new ReplicaSet's name is taken: only the bumped collisionCount is written. */
  collided = false;

  constructor(
    readonly d: Deployment,
    replicaSets: ReplicaSet[],
    readonly now: string,
  ) {
    this.owned = replicaSets.filter((rs) => isControlledBy(rs, d)).map((rs) => clone(rs));
    this.conditions = pausedConditions(d, d.status?.conditions ?? [], now);
    this.collisionCount = d.status?.collisionCount;
    this.deploymentRevision = revisionOf(d);
  }

  event(rsName: string, reason: string, message: string): void {
    const list = this.events.get(rsName) ?? [];
    list.push({
      involvedObject: this.d,
      type: 'Normal',
      reason,
      message,
      component: deploymentControllerName,
    });
    this.events.set(rsName, list);
  }

  /** The desired/max-replicas annotations as they should read now (`SetReplicasAnnotations`). */
  replicasAnnotations(): Record<string, string> {
    const desired = desiredReplicas(this.d);
    return {
      [desiredReplicasAnnotation]: String(desired),
      [maxReplicasAnnotation]: String(desired + maxSurge(this.d)),
    };
  }

  /**
   * Scales a working copy and records the event (`scaleReplicaSetAndRecordEvent`). Like the
   * controller, a ReplicaSet already at that size is left alone, annotations included.
   */
  scale(rs: ReplicaSet, replicas: number): boolean {
    const before = rsReplicas(rs);
    if (before === replicas) return false;
    rs.spec.replicas = replicas;
    rs.metadata.annotations = { ...rs.metadata.annotations, ...this.replicasAnnotations() };
    const name = rs.metadata.name ?? '';
    if (!this.created.has(name)) this.changed.add(name);
    const direction = replicas > before ? 'up' : 'down';
    this.event(name, 'ScalingReplicaSet', `Scaled ${direction} replica set ${name} to ${replicas}`);
    return true;
  }
}

/**
 * Reconciles one Deployment: creates its new ReplicaSet, scales new and old ones (rolling update
 * within maxSurge/maxUnavailable, or Recreate), keeps `revisionHistoryLimit` old ones, and
 * writes `deployment.kubernetes.io/revision` and the status. A paused Deployment is only scaled.
 */
export function reconcileDeployment(input: DeploymentReconcileInput): ReconcileResult {
  const { deployment: d, now } = input;
  if (!d.spec.template) return { actions: [] };
  if (!d.spec.selector || selectorIsEmpty(d.spec.selector)) return refuseSelectAll(d);

  const sync = new Sync(d, input.replicaSets, now);
  let newRS: ReplicaSet | undefined;
  let rollout = false;
  if (d.metadata.deletionTimestamp) {
    newRS = findNewReplicaSet(d, sync.owned);
  } else if (d.spec.paused) {
    newRS = syncPaused(sync);
  } else {
    newRS = isRecreate(d)
      ? rolloutRecreate(sync, input.replicaSets)
      : rolloutRolling(sync, input.replicaSets);
    rollout = true;
  }
  return finish(sync, newRS, rollout);
}

/** A Deployment whose selector selects every pod is refused, as Kubernetes does. */
function refuseSelectAll(d: Deployment): ReconcileResult {
  const event: EventIntent = {
    involvedObject: d,
    type: 'Warning',
    reason: 'SelectingAll',
    message: 'This deployment is selecting all pods. A non-empty selector is required.',
    component: deploymentControllerName,
  };
  if ((d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)) return { actions: [] };
  const status = { ...d.status, observedGeneration: d.metadata.generation };
  return {
    actions: [
      {
        verb: 'update',
        ref: resources.deployments,
        object: { ...d, status },
        subresource: 'status',
        events: [event],
      },
    ],
  };
}

/**
 * `getNewReplicaSet`: finds the ReplicaSet whose template is the Deployment's and brings its
 * revision up to date, or (with `create`) builds it with the replicas the strategy allows.
 */
function newReplicaSet(
  sync: Sync,
  namespaceReplicaSets: ReplicaSet[],
  create: boolean,
): ReplicaSet | undefined {
  const { d, now } = sync;
  const existing = findNewReplicaSet(d, sync.owned);
  const old = sync.owned.filter((rs) => rs !== existing);
  const newRevision = maxRevision(old) + 1;

  if (existing) {
    if (
      setNewReplicaSetAnnotations(d, existing, newRevision) ||
      existing.spec.minReadySeconds !== d.spec.minReadySeconds
    ) {
      existing.spec.minReadySeconds = d.spec.minReadySeconds;
      sync.changed.add(existing.metadata.name ?? '');
    }
    sync.deploymentRevision = revisionOf(existing);
    if (!findCondition(sync.conditions, 'Progressing')) {
      sync.conditions = setCondition(
        sync.conditions,
        foundNewReplicaSetCondition(existing.metadata.name ?? '', now),
      );
    }
    return existing;
  }
  if (!create) return undefined;

  const hash = computePodTemplateHash(d.spec.template, d.status?.collisionCount);
  const name = `${d.metadata.name}-${hash}`;
  if (namespaceReplicaSets.some((rs) => rs.metadata.name === name)) {
    // The name is taken by a ReplicaSet with another template (or another owner): step the
    // collision count so the next hash differs, as the controller does on AlreadyExists.
    sync.collisionCount = (d.status?.collisionCount ?? 0) + 1;
    sync.collided = true;
    return undefined;
  }

  const templateLabels = { ...d.spec.template?.metadata?.labels, [podTemplateHashLabel]: hash };
  const selector = d.spec.selector ?? {};
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: templateLabels,
      ownerReferences: [
        controllerReference({
          ...d,
          apiVersion: d.apiVersion || 'apps/v1',
          kind: d.kind || 'Deployment',
        }),
      ],
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec.minReadySeconds,
      selector: {
        ...selector,
        matchLabels: { ...selector.matchLabels, [podTemplateHashLabel]: hash },
      },
      template: {
        ...d.spec.template,
        metadata: { ...d.spec.template?.metadata, labels: templateLabels },
      },
    },
  };
  if (rs.spec.minReadySeconds === undefined) delete rs.spec.minReadySeconds;
  const replicas = newReplicaSetReplicas(d, [...old, rs], rs);
  setNewReplicaSetAnnotations(d, rs, newRevision);
  rs.metadata.annotations = { ...rs.metadata.annotations, ...sync.replicasAnnotations() };
  sync.owned.push(rs);
  sync.created.add(name);
  sync.scale(rs, replicas);
  sync.deploymentRevision = newRevision;
  sync.conditions = setCondition(sync.conditions, newReplicaSetCreatedCondition(name, now));
  return rs;
}

/**
 * Copies the Deployment's annotations and raises the revision to `newRevision`, remembering the
 * replaced revision in revision-history (`SetNewReplicaSetAnnotations`). True when anything changed.
 */
function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number): boolean {
  const before = { ...rs.metadata.annotations };
  const next = { ...before };
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (!notCopied.has(key)) next[key] = value;
  }
  const oldRevision = revisionOf(rs);
  if (oldRevision < newRevision) {
    next[revisionAnnotation] = String(newRevision);
    if (oldRevision > 0) {
      const history = next[revisionHistoryAnnotation];
      next[revisionHistoryAnnotation] = history ? `${history},${oldRevision}` : String(oldRevision);
    }
  }
  rs.metadata.annotations = next;
  return !semanticEqual(before, next);
}

/** `NewRSNewReplicas`: how far the new ReplicaSet may grow now. */
function newReplicaSetReplicas(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): number {
  const desired = desiredReplicas(d);
  if (isRecreate(d)) return desired;
  const current = sumReplicas(all);
  const maxTotal = desired + maxSurge(d);
  if (current >= maxTotal) return rsReplicas(newRS);
  return rsReplicas(newRS) + Math.min(maxTotal - current, desired - rsReplicas(newRS));
}

/** `rolloutRolling`: one step of a rolling update. */
function rolloutRolling(sync: Sync, namespaceReplicaSets: ReplicaSet[]): ReplicaSet | undefined {
  const { d } = sync;
  const newRS = newReplicaSet(sync, namespaceReplicaSets, true);
  if (!newRS) return undefined;
  const old = sync.owned.filter((rs) => rs !== newRS);
  const all = [...old, newRS];

  if (reconcileNewReplicaSet(sync, all, newRS)) return newRS;
  const activeOld = old.filter((rs) => rsReplicas(rs) > 0);
  if (reconcileOldReplicaSets(sync, all, activeOld, newRS)) return newRS;
  if (deploymentComplete(d, d.status ?? {})) cleanup(sync, old);
  return newRS;
}

function reconcileNewReplicaSet(sync: Sync, all: ReplicaSet[], newRS: ReplicaSet): boolean {
  const desired = desiredReplicas(sync.d);
  if (rsReplicas(newRS) === desired) return false;
  if (rsReplicas(newRS) > desired) return sync.scale(newRS, desired);
  return sync.scale(newRS, newReplicaSetReplicas(sync.d, all, newRS));
}

/**
 * Scales old ReplicaSets down as far as availability allows: first pods that are not available
 * anyway (`cleanupUnhealthyReplicas`), then available ones down to `replicas - maxUnavailable`.
 */
function reconcileOldReplicaSets(
  sync: Sync,
  all: ReplicaSet[],
  activeOld: ReplicaSet[],
  newRS: ReplicaSet,
): boolean {
  const { d } = sync;
  if (sumReplicas(activeOld) === 0) return false;
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;

  let cleaned = 0;
  for (const rs of [...activeOld].sort(byCreation)) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = rsReplicas(rs) - (rs.status?.availableReplicas ?? 0);
    if (rsReplicas(rs) === 0 || unhealthy <= 0) continue;
    const step = Math.min(maxScaledDown - cleaned, unhealthy);
    sync.scale(rs, rsReplicas(rs) - step);
    cleaned += step;
  }

  const available = sumStatus([...activeOld, newRS], 'availableReplicas');
  let scaledDown = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of [...activeOld].sort(byCreation)) {
      if (scaledDown >= total) break;
      if (rsReplicas(rs) === 0) continue;
      const step = Math.min(rsReplicas(rs), total - scaledDown);
      sync.scale(rs, rsReplicas(rs) - step);
      scaledDown += step;
    }
  }
  return cleaned + scaledDown > 0;
}

/** `rolloutRecreate`: every old pod gone before the new ReplicaSet is scaled up. */
function rolloutRecreate(sync: Sync, namespaceReplicaSets: ReplicaSet[]): ReplicaSet | undefined {
  const { d } = sync;
  let newRS = newReplicaSet(sync, namespaceReplicaSets, false);
  const old = sync.owned.filter((rs) => rs !== newRS);
  let scaledDown = false;
  for (const rs of old) {
    if (rsReplicas(rs) > 0) scaledDown = sync.scale(rs, 0) || scaledDown;
  }
  if (scaledDown) return newRS;
  // Old pods still running: Recreate waits until their ReplicaSets report none.
  if (old.some((rs) => (rs.status?.replicas ?? 0) > 0)) return newRS;
  newRS ??= newReplicaSet(sync, namespaceReplicaSets, true);
  if (!newRS) return undefined;
  if (sync.scale(newRS, desiredReplicas(d))) return newRS;
  if (deploymentComplete(d, d.status ?? {})) cleanup(sync, old);
  return newRS;
}

/** `sync` for a paused Deployment: scale, clean up history, no rollout. */
function syncPaused(sync: Sync): ReplicaSet | undefined {
  const newRS = newReplicaSet(sync, [], false);
  const old = sync.owned.filter((rs) => rs !== newRS);
  scaleWithoutRollout(sync, newRS, old);
  cleanup(sync, old);
  return newRS;
}

/**
 * `scale`: with one active ReplicaSet (or none) it gets all the replicas; a saturated new one
 * drains the old; otherwise a rolling Deployment spreads the change over the active ReplicaSets
 * in proportion to their sizes, the remainder going to the largest.
 */
function scaleWithoutRollout(sync: Sync, newRS: ReplicaSet | undefined, old: ReplicaSet[]): void {
  const { d } = sync;
  const desired = desiredReplicas(d);
  const active = [...(newRS ? [newRS] : []), ...old].filter((rs) => rsReplicas(rs) > 0);
  if (active.length <= 1) {
    const target = active[0] ?? newRS ?? [...old].sort(byCreation).at(-1);
    if (target) sync.scale(target, desired);
    return;
  }
  if (
    newRS &&
    rsReplicas(newRS) === desired &&
    (newRS.status?.availableReplicas ?? 0) === desired
  ) {
    for (const rs of old) if (rsReplicas(rs) > 0) sync.scale(rs, 0);
    return;
  }
  if (isRecreate(d)) return;
  const current = sumReplicas(active);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - current;
  if (toAdd === 0) return;
  const ordered = [...active].sort(
    (a, b) => rsReplicas(b) - rsReplicas(a) || (toAdd > 0 ? -byCreation(a, b) : byCreation(a, b)),
  );
  const shares = ordered.map((rs) => Math.trunc((toAdd * rsReplicas(rs)) / current));
  shares[0] = (shares[0] ?? 0) + toAdd - shares.reduce((sum, share) => sum + share, 0);
  ordered.forEach((rs, i) => sync.scale(rs, Math.max(0, rsReplicas(rs) + (shares[i] ?? 0))));
}

/** `cleanupDeployment`: deletes the oldest drained ReplicaSets beyond `revisionHistoryLimit`. */
function cleanup(sync: Sync, old: ReplicaSet[]): void {
  const limit = sync.d.spec.revisionHistoryLimit ?? defaultRevisionHistoryLimit;
  const cleanable = old.filter((rs) => !rs.metadata.deletionTimestamp);
  const excess = cleanable.length - limit;
  if (excess <= 0) return;
  for (const rs of [...cleanable].sort(byRevision).slice(0, excess)) {
    const drained =
      (rs.status?.replicas ?? 0) === 0 &&
      rsReplicas(rs) === 0 &&
      (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
    if (drained) sync.deleted.push(rs);
  }
}

/** Turns the working state into actions: ReplicaSet writes, then the Deployment's revision and status. */
function finish(sync: Sync, newRS: ReplicaSet | undefined, rollout: boolean): ReconcileResult {
  const { d, now } = sync;
  const actions: Action[] = [];
  if (sync.collided) {
    const status = { ...d.status, collisionCount: sync.collisionCount };
    actions.push({
      verb: 'update',
      ref: resources.deployments,
      object: { ...d, status },
      subresource: 'status',
    });
    return { actions };
  }
  // The new ReplicaSet is created before old ones shrink, as the controller orders its calls.
  for (const rs of sync.owned) {
    const name = rs.metadata.name ?? '';
    if (sync.created.has(name))
      actions.push({
        verb: 'create',
        ref: resources.replicasets,
        object: rs,
        events: sync.events.get(name),
      });
  }
  for (const rs of sync.owned) {
    const name = rs.metadata.name ?? '';
    if (sync.changed.has(name))
      actions.push({
        verb: 'update',
        ref: resources.replicasets,
        object: rs,
        events: sync.events.get(name),
      });
  }
  for (const rs of sync.deleted) {
    actions.push({
      verb: 'delete',
      ref: resources.replicasets,
      namespace: rs.metadata.namespace,
      name: rs.metadata.name ?? '',
      uid: rs.metadata.uid,
    });
  }

  let current: Deployment = d;
  if (sync.deploymentRevision > 0 && sync.deploymentRevision !== revisionOf(d)) {
    const annotations = {
      ...d.metadata.annotations,
      [revisionAnnotation]: String(sync.deploymentRevision),
    };
    current = { ...d, metadata: { ...d.metadata, annotations } };
    actions.push({ verb: 'update', ref: resources.deployments, object: current });
  }

  const all = sync.owned.filter((rs) => !sync.deleted.includes(rs));
  let status = calculateStatus(d, all, newRS, sync.conditions, now, sync.collisionCount);
  let requeueAfterMs: number | undefined;
  if (rollout) ({ status, requeueAfterMs } = rolloutStatus(d, status, newRS, now));
  if (!semanticEqual(status, d.status ?? {})) {
    actions.push({
      verb: 'update',
      ref: resources.deployments,
      object: { ...current, status },
      subresource: 'status',
    });
  }
  return requeueAfterMs === undefined ? { actions } : { actions, requeueAfterMs };
}
