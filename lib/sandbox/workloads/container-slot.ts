/**
 * One container of a running pod as the runtime tracks it (what runs it, its state, readiness and
 * restarts) and the status it reports for it, in the shape the pod lifecycle controller expects.
 */
import type { Container, ContainerState } from '../controllers/workload-types';
import type { RuntimeContainerStatus } from '../controllers/pod-runtime';
import type { ContainerProcess } from './container-process';
import type { Prober } from './probe';

export interface ContainerSlot {
  spec: Container;
  /** undefined for a container whose image cannot be run (it waits in ErrImagePull). */
  process?: ContainerProcess;
  state: ContainerState;
  ready: boolean;
  restartCount: number;
  lastState?: ContainerState;
  containerID?: string;
  probers: Prober[];
  /** Set while a local process listens elsewhere than on its $PORT; it keeps the container unready. */
  portIssue?: { reason: string; message: string };
}

/** The waiting state of an image the node cannot pull, worded as containerd and kubelet word it. */
export function imagePullState(
  image: string,
  reason: 'ErrImagePull' | 'ImagePullBackOff',
): ContainerState {
  const message =
    reason === 'ErrImagePull'
      ? `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": ${image}: not found`
      : `Back-off pulling image "${image}"`;
  return { waiting: { reason, message } };
}

export function slotStatus(slot: ContainerSlot): RuntimeContainerStatus {
  return {
    name: slot.spec.name,
    state: slot.state,
    ready: slot.ready && !slot.portIssue && 'running' in slot.state,
    restartCount: slot.restartCount,
    ...(slot.lastState ? { lastState: slot.lastState } : {}),
    ...(slot.containerID ? { containerID: slot.containerID } : {}),
    ...(slot.portIssue ? { portIssue: slot.portIssue } : {}),
  };
}

/** Kubelet's restart back-off: none for the first restart, then doubling from `base` up to `cap`. */
export function crashBackOffMs(restartCount: number, base: number, cap = 30_000): number {
  return restartCount === 0 ? 0 : Math.min(cap, base * 2 ** (restartCount - 1));
}
