/**
 * Pod status as the kubelet writes it, from what the runtime reports: phase, IPs, start time,
 * the four conditions, container statuses, and the Events a kubelet records on the way
 * (Scheduled, Pulled, Created, Started, Failed, BackOff). Pure: the time and IPs come in.
 */
import { resources } from '../apiserver/cluster-client';
import type { EventIntent, ReconcileResult } from './actions';
import { semanticEqual } from './object-meta';
import {
  fakeDigest,
  fakeImageID,
  listeningPortCondition,
  type RuntimePodStatus,
} from './pod-runtime';
import type {
  Condition,
  ContainerState,
  ContainerStatus,
  Pod,
  PodPhase,
  PodStatus,
} from './workload-types';

export interface PodStatusInput {
  pod: Pod;
  /** undefined while the runtime has not reported yet: the pod is scheduled but Pending. */
  runtime: RuntimePodStatus | undefined;
  podIP: string;
  hostIP: string;
  nodeName: string;
  now: string;
}

function stateKind(
  state: ContainerState | undefined,
): 'running' | 'waiting' | 'terminated' | undefined {
  if (!state) return undefined;
  if ('running' in state) return 'running';
  if ('waiting' in state) return 'waiting';
  return 'terminated';
}

/**
 * The phase kubelet derives from container states: Running once every container has started
 * (a restarting one still counts), Pending while any has never run, Succeeded/Failed when all
 * have terminated.
 */
export function podPhase(containers: ContainerStatus[]): PodPhase {
  if (containers.length === 0) return 'Pending';
  const kinds = containers.map((c) => stateKind(c.state));
  if (kinds.every((kind) => kind === 'terminated')) {
    return containers.every((c) => 'terminated' in c.state && c.state.terminated.exitCode === 0)
      ? 'Succeeded'
      : 'Failed';
  }
  const neverRan = containers.some(
    (c) =>
      stateKind(c.state) === 'waiting' &&
      c.restartCount === 0 &&
      Object.keys(c.lastState ?? {}).length === 0,
  );
  return neverRan ? 'Pending' : 'Running';
}

function condition(
  previous: Condition[] | undefined,
  type: string,
  ok: boolean,
  now: string,
  reason?: string,
  message?: string,
): Condition {
  const status = ok ? 'True' : 'False';
  const before = previous?.find((c) => c.type === type);
  const next: Condition = {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime:
      before?.status === status && before.lastTransitionTime ? before.lastTransitionTime : now,
  };
  if (!ok && reason) next.reason = reason;
  if (!ok && message) next.message = message;
  return next;
}

/** The pod's status for what the runtime reports, keeping transition times that did not change. */
export function buildPodStatus(input: PodStatusInput): PodStatus {
  const { pod, runtime, now } = input;
  const previous = pod.status;
  const reported = new Map((runtime?.containers ?? []).map((c) => [c.name, c]));
  const containerStatuses: ContainerStatus[] = (pod.spec.containers ?? []).map((spec) => {
    const image = spec.image ?? '';
    const seen = reported.get(spec.name);
    const state: ContainerState = seen?.state ?? { waiting: { reason: 'ContainerCreating' } };
    const running = 'running' in state;
    const everRan = running || (seen?.restartCount ?? 0) > 0 || 'terminated' in state;
    const status: ContainerStatus = {
      name: spec.name,
      image,
      imageID: seen?.imageID ?? (everRan ? fakeImageID(image) : ''),
      ready: running && (seen?.ready ?? false),
      started: running,
      restartCount: seen?.restartCount ?? 0,
      state,
      lastState: seen?.lastState ?? {},
    };
    if (everRan) {
      status.containerID =
        seen?.containerID ?? `containerd://${fakeDigest(pod.metadata.uid ?? '', spec.name)}`;
    }
    return status;
  });

  const unready = containerStatuses.filter((c) => !c.ready).map((c) => c.name);
  const allReady = runtime !== undefined && unready.length === 0 && containerStatuses.length > 0;
  const notReadyMessage = `containers with unready status: [${unready.join(' ')}]`;
  const conditions: Condition[] = [
    condition(previous?.conditions, 'Initialized', true, now),
    condition(previous?.conditions, 'Ready', allReady, now, 'ContainersNotReady', notReadyMessage),
    condition(
      previous?.conditions,
      'ContainersReady',
      allReady,
      now,
      'ContainersNotReady',
      notReadyMessage,
    ),
    condition(previous?.conditions, 'PodScheduled', true, now),
  ];
  const portIssues = (runtime?.containers ?? []).filter((c) => c.portIssue);
  if (portIssues.length > 0) {
    conditions.push(
      condition(
        previous?.conditions,
        listeningPortCondition,
        false,
        now,
        portIssues[0]!.portIssue!.reason,
        portIssues.map((c) => c.portIssue!.message).join('; '),
      ),
    );
  }

  const status: PodStatus = {
    phase: runtime ? podPhase(containerStatuses) : 'Pending',
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    podIP: input.podIP,
    podIPs: [{ ip: input.podIP }],
    startTime: previous?.startTime ?? now,
    containerStatuses,
  };
  if (previous?.qosClass) status.qosClass = previous.qosClass;
  return status;
}

/** The Events a kubelet records for the step from `before` to `after`. */
export function podStatusEvents(
  pod: Pod,
  before: PodStatus | undefined,
  after: PodStatus,
  nodeName: string,
): EventIntent[] {
  const events: EventIntent[] = [];
  const scheduledBefore = before?.conditions?.some(
    (c) => c.type === 'PodScheduled' && c.status === 'True',
  );
  if (!scheduledBefore) {
    events.push({
      involvedObject: pod,
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      component: 'default-scheduler',
    });
  }
  const kubelet = (
    container: string,
    type: EventIntent['type'],
    reason: string,
    message: string,
  ): EventIntent => ({
    involvedObject: pod,
    type,
    reason,
    message,
    component: 'kubelet',
    host: nodeName,
    fieldPath: `spec.containers{${container}}`,
  });
  const portIssue = after.conditions?.find((c) => c.type === listeningPortCondition);
  const portIssueBefore = before?.conditions?.find((c) => c.type === listeningPortCondition);
  if (portIssue && portIssue.message !== portIssueBefore?.message) {
    events.push({
      involvedObject: pod,
      type: 'Warning',
      reason: portIssue.reason ?? 'ListeningPort',
      message: portIssue.message ?? '',
      component: 'kubelet',
      host: nodeName,
    });
  }
  for (const next of after.containerStatuses ?? []) {
    const prev = before?.containerStatuses?.find((c) => c.name === next.name);
    const image = next.image;
    const startedNow =
      'running' in next.state &&
      (!prev || !('running' in prev.state) || next.restartCount > prev.restartCount);
    if (startedNow) {
      events.push(
        kubelet(
          next.name,
          'Normal',
          'Pulled',
          `Container image "${image}" already present on machine`,
        ),
        kubelet(next.name, 'Normal', 'Created', `Created container ${next.name}`),
        kubelet(next.name, 'Normal', 'Started', `Started container ${next.name}`),
      );
      continue;
    }
    if (!('waiting' in next.state)) continue;
    const { reason, message } = next.state.waiting;
    const prevReason = prev && 'waiting' in prev.state ? prev.state.waiting.reason : undefined;
    if (reason === prevReason) continue;
    if (reason === 'ErrImagePull') {
      events.push(
        kubelet(next.name, 'Normal', 'Pulling', `Pulling image "${image}"`),
        kubelet(
          next.name,
          'Warning',
          'Failed',
          `Failed to pull image "${image}": ${message ?? 'not found'}`,
        ),
        kubelet(next.name, 'Warning', 'Failed', 'Error: ErrImagePull'),
      );
    } else if (reason === 'ImagePullBackOff') {
      events.push(
        kubelet(next.name, 'Normal', 'BackOff', `Back-off pulling image "${image}"`),
        kubelet(next.name, 'Warning', 'Failed', 'Error: ImagePullBackOff'),
      );
    } else if (reason === 'CrashLoopBackOff') {
      const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
      events.push(
        kubelet(
          next.name,
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${next.name} in pod ${podRef}`,
        ),
      );
    }
  }
  return events;
}

/** One pod's status write (through the status subresource) with its Events, or nothing if unchanged. */
export function reconcilePodStatus(input: PodStatusInput): ReconcileResult {
  const status = buildPodStatus(input);
  if (semanticEqual(status, input.pod.status ?? {})) return { actions: [] };
  const events = podStatusEvents(input.pod, input.pod.status, status, input.nodeName);
  return {
    actions: [
      {
        verb: 'update',
        ref: resources.pods,
        object: { ...input.pod, status },
        subresource: 'status',
        events,
      },
    ],
  };
}
