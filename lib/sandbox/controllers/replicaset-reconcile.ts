/**
 * The ReplicaSet controller's decision, as a pure function (`pkg/controller/replicaset`): create
 * or delete pods until the active ones match `spec.replicas`, and report what it saw in status.
 */
import { resources } from '../apiserver/cluster-client';
import type { Action, EventIntent, ReconcileResult } from './actions';
import { rsReplicas } from './deployment-util';
import {
  controllerReference,
  isControlledBy,
  omitZero,
  semanticEqual,
  timeMs,
} from './object-meta';
import { safeAlphabet } from './pod-template-hash';
import {
  isPodActive,
  isPodAvailable,
  isPodReady,
  msUntilAvailable,
  readyCondition,
} from './pod-readiness';
import type { Pod, ReplicaSet, ReplicaSetStatus } from './workload-types';

export const replicaSetControllerName = 'replicaset-controller';

/** At most this many pods are created in one reconcile (the controller's `burstReplicas`). */
export const burstReplicas = 500;

export interface ReplicaSetReconcileInput {
  replicaSet: ReplicaSet;
  /** Every pod in the ReplicaSet's namespace (owned ones are picked by controller uid). */
  pods: Pod[];
  now: string;
  /** Five characters for a new pod's name; injected so tests are deterministic. */
  randomSuffix: () => string;
  /**
   * The node new pods are bound to. The sandbox has one node and no scheduler, so pods are
   * created bound, as a pod with `spec.nodeName` set skips scheduling on a real cluster.
   */
  nodeName?: string;
}

/** A `generateName`-style suffix: five characters of Kubernetes' safe alphabet. */
export function randomPodSuffix(random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += safeAlphabet[Math.floor(random() * safeAlphabet.length)];
  return out;
}

/**
 * Reconciles one ReplicaSet: creates missing pods from the template (named `<rs>-<suffix>`, owned
 * by the ReplicaSet, `Pending`), deletes surplus ones (unscheduled, pending, not ready, recently
 * ready, restarting, newest first) and writes status counts.
 */
export function reconcileReplicaSet(input: ReplicaSetReconcileInput): ReconcileResult {
  const { replicaSet: rs, now } = input;
  const nowMs = timeMs(now);
  const active = input.pods.filter((pod) => isControlledBy(pod, rs) && isPodActive(pod));
  const actions: Action[] = [];

  if (!rs.metadata.deletionTimestamp) {
    const diff = active.length - rsReplicas(rs);
    if (diff < 0) actions.push(...createPods(input, Math.min(-diff, burstReplicas)));
    if (diff > 0) actions.push(...deletePods(rs, podsToDelete(active, diff)));
  }

  const status = replicaSetStatus(rs, active, nowMs);
  if (!semanticEqual(status, rs.status ?? {})) {
    actions.push({
      verb: 'update',
      ref: resources.replicasets,
      object: { ...rs, status },
      subresource: 'status',
    });
  }
  const minReady = rs.spec.minReadySeconds ?? 0;
  const waits = active
    .map((pod) => msUntilAvailable(pod, minReady, nowMs))
    .filter((ms) => ms !== undefined);
  return waits.length > 0 ? { actions, requeueAfterMs: Math.min(...waits) } : { actions };
}

/** `calculateStatus` of the ReplicaSet controller. */
export function replicaSetStatus(rs: ReplicaSet, active: Pod[], nowMs: number): ReplicaSetStatus {
  const templateLabels = rs.spec.template?.metadata?.labels ?? {};
  const minReady = rs.spec.minReadySeconds ?? 0;
  const status: ReplicaSetStatus = {
    replicas: active.length,
    fullyLabeledReplicas: active.filter((pod) =>
      Object.entries(templateLabels).every(([key, value]) => pod.metadata.labels?.[key] === value),
    ).length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: active.filter((pod) => isPodAvailable(pod, minReady, nowMs)).length,
    observedGeneration: rs.metadata.generation,
  };
  if (rs.status?.conditions) status.conditions = rs.status.conditions;
  return omitZero(status, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']);
}

function createPods(input: ReplicaSetReconcileInput, count: number): Action[] {
  const { replicaSet: rs } = input;
  const taken = new Set(input.pods.map((pod) => pod.metadata.name));
  const owner = controllerReference({
    ...rs,
    apiVersion: rs.apiVersion || 'apps/v1',
    kind: rs.kind || 'ReplicaSet',
  });
  const template = rs.spec.template ?? {};
  const actions: Action[] = [];
  for (let i = 0; i < count; i++) {
    let name = `${rs.metadata.name}-${input.randomSuffix()}`;
    // A clash with a live pod would be a 409 AlreadyExists; draw again, as generateName's retry does.
    for (let attempt = 0; taken.has(name) && attempt < 10; attempt++) {
      name = `${rs.metadata.name}-${input.randomSuffix()}`;
    }
    taken.add(name);
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: { ...template.metadata?.labels },
        ...(template.metadata?.annotations
          ? { annotations: { ...template.metadata.annotations } }
          : {}),
        ownerReferences: [owner],
      },
      spec: {
        ...structuredClone(template.spec ?? {}),
        ...(input.nodeName ? { nodeName: input.nodeName } : {}),
      },
      status: { phase: 'Pending' },
    };
    actions.push({
      verb: 'create',
      ref: resources.pods,
      object: pod,
      events: [event(rs, 'SuccessfulCreate', `Created pod: ${name}`)],
    });
  }
  return actions;
}

function deletePods(rs: ReplicaSet, pods: Pod[]): Action[] {
  return pods.map((pod) => ({
    verb: 'delete' as const,
    ref: resources.pods,
    namespace: pod.metadata.namespace,
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid,
    events: [event(rs, 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`)],
  }));
}

function event(rs: ReplicaSet, reason: string, message: string): EventIntent {
  return {
    involvedObject: rs,
    type: 'Normal',
    reason,
    message,
    component: replicaSetControllerName,
  };
}

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce(
    (max, c) => Math.max(max, c.restartCount ?? 0),
    0,
  );
}

/**
 * The `count` pods to delete first, in the order of `controller.ActivePods`: unscheduled before
 * scheduled, Pending before Unknown before Running, not ready before ready, ready for less time
 * before longer, more restarts before fewer, newer before older.
 */
export function podsToDelete(pods: Pod[], count: number): Pod[] {
  const ranked = [...pods].sort((a, b) => {
    const assigned = Number(Boolean(a.spec.nodeName)) - Number(Boolean(b.spec.nodeName));
    if (assigned !== 0) return assigned;
    const phase =
      (phaseRank[a.status?.phase ?? 'Pending'] ?? 0) -
      (phaseRank[b.status?.phase ?? 'Pending'] ?? 0);
    if (phase !== 0) return phase;
    const ready = Number(isPodReady(a)) - Number(isPodReady(b));
    if (ready !== 0) return ready;
    if (isPodReady(a) && isPodReady(b)) {
      const readySince =
        timeMs(readyCondition(b)?.lastTransitionTime) -
        timeMs(readyCondition(a)?.lastTransitionTime);
      if (readySince !== 0 && !Number.isNaN(readySince)) return readySince;
    }
    const restartDiff = restarts(b) - restarts(a);
    if (restartDiff !== 0) return restartDiff;
    const age = timeMs(b.metadata.creationTimestamp) - timeMs(a.metadata.creationTimestamp);
    if (age !== 0 && !Number.isNaN(age)) return age;
    return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
  });
  return ranked.slice(0, count);
}
