/**
 * Why the new version's pods are not ready, read off their status the way `kubectl describe pod`
 * shows it, so a job waiting on a bad image or a crashing container says so instead of
 * "waiting for reviews-v2 to be ready" for ever (Argo Rollouts' and Flagger's users ask for
 * exactly this). Plain shapes, so it takes client-node's V1Pod as well as test data.
 */

interface ContainerStateLike {
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; exitCode?: number; message?: string };
}

interface ContainerStatusLike {
  name?: string;
  restartCount?: number;
  state?: ContainerStateLike;
  lastState?: ContainerStateLike;
}

export interface PodLike {
  metadata?: { name?: string; deletionTimestamp?: unknown };
  status?: {
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    initContainerStatuses?: ContainerStatusLike[];
    containerStatuses?: ContainerStatusLike[];
  };
}

/** Waiting reasons of a container that is merely on its way up. */
const startingReasons = new Set(['ContainerCreating', 'PodInitializing']);

/** The first problem among the pods, in one line naming the pod, or undefined while all look fine. */
export function workloadProblem(pods: readonly PodLike[]): string | undefined {
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const problem = podProblem(pod);
    if (problem) return `pod ${pod.metadata?.name ?? '?'}: ${problem}`;
  }
  return undefined;
}

function podProblem(pod: PodLike): string | undefined {
  const unscheduled = pod.status?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False',
  );
  if (unscheduled) return withMessage(unscheduled.reason ?? 'Unschedulable', unscheduled.message);
  const containers = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  for (const container of containers) {
    const problem = containerProblem(container);
    if (problem) return `container ${container.name ?? '?'}: ${problem}`;
  }
  return undefined;
}

function containerProblem(container: ContainerStatusLike): string | undefined {
  const { waiting, terminated } = container.state ?? {};
  const restarts = container.restartCount ?? 0;
  const lastExit = container.lastState?.terminated;
  const history =
    restarts > 0
      ? ` (restarted ${restarts} time${restarts === 1 ? '' : 's'}${lastExit?.exitCode !== undefined ? `, last exit code ${lastExit.exitCode}` : ''})`
      : '';
  if (waiting?.reason && !startingReasons.has(waiting.reason))
    return `${withMessage(waiting.reason, waiting.message)}${history}`;
  if (terminated && terminated.exitCode !== 0)
    return `exited with code ${terminated.exitCode ?? '?'}${terminated.reason ? ` (${terminated.reason})` : ''}${history}`;
  return undefined;
}

function withMessage(reason: string, message: string | undefined): string {
  return message ? `${reason}: ${message}` : reason;
}
