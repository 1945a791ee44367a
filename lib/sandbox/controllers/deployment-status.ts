/**
 * Deployment status and conditions, as the deployment controller writes them (`calculateStatus`,
 * `syncRolloutStatus`, `checkPausedConditions`), with the reasons and messages `kubectl rollout
 * status` and `kubectl describe deploy` read.
 */
import {
  defaultProgressDeadlineSeconds,
  desiredReplicas,
  maxUnavailable,
  sumStatus,
} from './deployment-util';
import { omitZero, timeMs } from './object-meta';
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from './workload-types';

export const reasons = {
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  progressDeadlineExceeded: 'ProgressDeadlineExceeded',
  deploymentPaused: 'DeploymentPaused',
  deploymentResumed: 'DeploymentResumed',
} as const;

function condition(
  type: string,
  status: Condition['status'],
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function findCondition(
  conditions: Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * `SetDeploymentCondition`: a condition with the same status and reason as the current one changes
 * nothing; a new reason with the same status keeps lastTransitionTime. The condition moves last.
 */
export function setCondition(conditions: Condition[], next: Condition): Condition[] {
  const current = findCondition(conditions, next.type);
  if (current && current.status === next.status && current.reason === next.reason)
    return conditions;
  const merged =
    current && current.status === next.status
      ? { ...next, lastTransitionTime: current.lastTransitionTime }
      : next;
  return [...conditions.filter((c) => c.type !== next.type), merged];
}

/** The Progressing condition for a freshly created new ReplicaSet. */
export function newReplicaSetCreatedCondition(rsName: string, now: string): Condition {
  return condition(
    'Progressing',
    'True',
    reasons.newReplicaSetCreated,
    `Created new replica set "${rsName}"`,
    now,
  );
}

/** The Progressing condition for a new ReplicaSet found when the Deployment had none. */
export function foundNewReplicaSetCondition(rsName: string, now: string): Condition {
  return condition(
    'Progressing',
    'True',
    reasons.foundNewReplicaSet,
    `Found new replica set "${rsName}"`,
    now,
  );
}

/** `checkPausedConditions`: Progressing Unknown DeploymentPaused / DeploymentResumed on a change. */
export function pausedConditions(d: Deployment, conditions: Condition[], now: string): Condition[] {
  const current = findCondition(conditions, 'Progressing');
  if (current?.reason === reasons.progressDeadlineExceeded) return conditions;
  const pausedShown = current?.reason === reasons.deploymentPaused;
  if (d.spec.paused && !pausedShown) {
    return setCondition(
      conditions,
      condition('Progressing', 'Unknown', reasons.deploymentPaused, 'Deployment is paused', now),
    );
  }
  if (!d.spec.paused && pausedShown) {
    return setCondition(
      conditions,
      condition('Progressing', 'Unknown', reasons.deploymentResumed, 'Deployment is resumed', now),
    );
  }
  return conditions;
}

/**
 * `calculateStatus`: counts summed over every ReplicaSet of the Deployment, `updatedReplicas` from
 * the new one, and the Available condition against `replicas - maxUnavailable`.
 */
export function calculateStatus(
  d: Deployment,
  allReplicaSets: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  conditions: Condition[],
  now: string,
  collisionCount: number | undefined,
): DeploymentStatus {
  const desired = desiredReplicas(d);
  const availableReplicas = sumStatus(allReplicaSets, 'availableReplicas');
  const available =
    availableReplicas >= desired - maxUnavailable(d)
      ? condition(
          'Available',
          'True',
          reasons.minimumReplicasAvailable,
          'Deployment has minimum availability.',
          now,
        )
      : condition(
          'Available',
          'False',
          reasons.minimumReplicasUnavailable,
          'Deployment does not have minimum availability.',
          now,
        );
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(allReplicaSets, 'replicas'),
    updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
    readyReplicas: sumStatus(allReplicaSets, 'readyReplicas'),
    availableReplicas,
    unavailableReplicas: Math.max(0, desired - availableReplicas),
    ...(collisionCount !== undefined ? { collisionCount } : {}),
    conditions: setCondition(conditions, available),
  };
  return omitZero(status, [
    'replicas',
    'updatedReplicas',
    'readyReplicas',
    'availableReplicas',
    'unavailableReplicas',
  ]);
}

/** `DeploymentComplete`: every desired replica updated and available, and the spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const desired = desiredReplicas(d);
  return (
    (status.updatedReplicas ?? 0) === desired &&
    (status.replicas ?? 0) === desired &&
    (status.availableReplicas ?? 0) === desired &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** `DeploymentProgressing`: more updated, ready or available pods, or fewer old ones, than before. */
function deploymentProgressing(old: DeploymentStatus, next: DeploymentStatus): boolean {
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

function progressDeadlineMs(d: Deployment): number {
  return (d.spec.progressDeadlineSeconds ?? defaultProgressDeadlineSeconds) * 1000;
}

/**
 * `syncRolloutStatus`: sets Progressing to NewReplicaSetAvailable once the rollout is complete,
 * to ReplicaSetUpdated while it moves (keeping lastTransitionTime), and to ProgressDeadlineExceeded
 * (False) when it has not moved for `progressDeadlineSeconds`. Returns the status and, while the
 * rollout is still within its deadline, when to look again for the timeout.
 */
export function rolloutStatus(
  d: Deployment,
  next: DeploymentStatus,
  newRS: ReplicaSet | undefined,
  now: string,
): { status: DeploymentStatus; requeueAfterMs?: number } {
  const old = d.status ?? {};
  let conditions = next.conditions ?? [];
  const current = findCondition(conditions, 'Progressing');
  const complete =
    next.replicas === next.updatedReplicas && current?.reason === reasons.newReplicaSetAvailable;
  if (complete) return { status: next };
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : 'Deployment';

  if (deploymentComplete(d, next)) {
    conditions = setCondition(
      conditions,
      condition(
        'Progressing',
        'True',
        reasons.newReplicaSetAvailable,
        `${subject} has successfully progressed.`,
        now,
      ),
    );
    return { status: { ...next, conditions } };
  }
  if (deploymentProgressing(old, next)) {
    const progressing = condition(
      'Progressing',
      'True',
      reasons.replicaSetUpdated,
      `${subject} is progressing.`,
      now,
    );
    if (current?.status === 'True') progressing.lastTransitionTime = current.lastTransitionTime;
    conditions = [...conditions.filter((c) => c.type !== 'Progressing'), progressing];
    return { status: { ...next, conditions }, requeueAfterMs: progressDeadlineMs(d) };
  }
  if (current && current.reason !== reasons.progressDeadlineExceeded) {
    const since = timeMs(current.lastUpdateTime);
    const left = since + progressDeadlineMs(d) - timeMs(now);
    if (!Number.isNaN(left) && left <= 0) {
      conditions = setCondition(
        conditions,
        condition(
          'Progressing',
          'False',
          reasons.progressDeadlineExceeded,
          `${subject} has timed out progressing.`,
          now,
        ),
      );
      return { status: { ...next, conditions } };
    }
    if (!Number.isNaN(left)) return { status: next, requeueAfterMs: left };
  }
  return { status: next };
}
