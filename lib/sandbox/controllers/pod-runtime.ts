/**
 * How the sandbox runs pods. The pod lifecycle controller plays the kubelet: for each pod it
 * allocates an IP, asks a PodRuntime to start the containers and turns what the runtime reports
 * into pod status and Events. A runtime reports once from `start`, and again whenever something
 * changes later (a server turns ready, a container restarts, an image pull backs off) through the
 * context's `onStatusChange`.
 */
import { createHash } from 'node:crypto';
import type { ContainerState, Pod } from './workload-types';

/** What a runtime knows about one container; the controller adds image names and conditions. */
export interface RuntimeContainerStatus {
  name: string;
  state: ContainerState;
  ready: boolean;
  restartCount: number;
  /** The last terminated state after a restart, as kubelet shows it. */
  lastState?: ContainerState;
  /** e.g. `docker.io/library/nginx@sha256:…`; derived from the image when absent. */
  imageID?: string;
  /** e.g. `containerd://…`; derived from the pod and container when absent. */
  containerID?: string;
  /**
   * Where the container listens keeps traffic from it (a sandbox exec container bound to its
   * containerPort instead of $PORT): shown as the pod's {@link listeningPortCondition} and an Event.
   */
  portIssue?: { reason: string; message: string };
}

/** The pod condition that says a container of a sandbox pod listens where nothing reaches it. */
export const listeningPortCondition = 'sandbox.aviary.dev/ListeningOnAssignedPort';

export interface RuntimePodStatus {
  containers: RuntimeContainerStatus[];
}

export interface PodStartContext {
  /** "namespace/name". */
  podKey: string;
  podIP: string;
  hostIP: string;
  nodeName: string;
  /**
   * Reports a later change of the pod's containers. The controller writes the new status and the
   * Events that the change implies. Calls after `stop` are ignored.
   */
  onStatusChange(podKey: string, status: RuntimePodStatus): void;
}

/** A container runtime for the sandbox's single node. */
export interface PodRuntime {
  /** Starts the pod's containers; resolves to their first status. May reject: the pod stays Pending and is retried. */
  start(pod: Pod, context: PodStartContext): Promise<RuntimePodStatus> | RuntimePodStatus;
  /** Stops the pod's containers (the pod was deleted). Must tolerate a pod it never started. */
  stop(pod: Pod): Promise<void> | void;
}

/** A stable fake digest: the same input always names the same image or container. */
export function fakeDigest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

/** `nginx` -> `docker.io/library/nginx@sha256:…`, the imageID containerd reports. */
export function fakeImageID(image: string): string {
  const repository = image.split('@')[0]?.replace(/:[^/:]+$/, '') ?? image;
  const qualified = repository.includes('/')
    ? repository.split('/')[0]?.includes('.')
      ? repository
      : `docker.io/${repository}`
    : `docker.io/library/${repository}`;
  return `${qualified}@sha256:${fakeDigest(image)}`;
}

export interface ReadyMarkingRuntimeOptions {
  /**
   * Which images "exist". An unknown image leaves its container waiting in ErrImagePull, then
   * ImagePullBackOff, as a node that cannot pull it would. Every image is known by default.
   */
  isImageKnown?: (image: string) => boolean;
  /** How long ErrImagePull lasts before the runtime reports ImagePullBackOff. */
  backOffAfterMs?: number;
  /** The clock for `startedAt`. */
  now?: () => string;
}

/**
 * A runtime that runs nothing: every container is Running and ready the moment the pod starts.
 * For tests and benchmarks, where pods only need to look alive to the control plane.
 */
export class ReadyMarkingRuntime implements PodRuntime {
  private readonly backOffTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly options: ReadyMarkingRuntimeOptions = {}) {}

  start(pod: Pod, context: PodStartContext): RuntimePodStatus {
    const now = this.options.now?.() ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const known = this.options.isImageKnown ?? (() => true);
    const containers = pod.spec.containers ?? [];
    const status = (reason: 'ErrImagePull' | 'ImagePullBackOff'): RuntimePodStatus => ({
      containers: containers.map((c) => {
        const image = c.image ?? '';
        if (known(image)) {
          return {
            name: c.name,
            state: { running: { startedAt: now } },
            ready: true,
            restartCount: 0,
            containerID: `containerd://${fakeDigest(pod.metadata.uid ?? context.podKey, c.name)}`,
          };
        }
        const message =
          reason === 'ErrImagePull'
            ? `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": ${image}: not found`
            : `Back-off pulling image "${image}"`;
        return {
          name: c.name,
          state: { waiting: { reason, message } },
          ready: false,
          restartCount: 0,
        };
      }),
    });
    const first = status('ErrImagePull');
    if (first.containers.some((c) => 'waiting' in c.state)) {
      const timer = setTimeout(() => {
        this.backOffTimers.delete(context.podKey);
        context.onStatusChange(context.podKey, status('ImagePullBackOff'));
      }, this.options.backOffAfterMs ?? 1000);
      timer.unref?.();
      this.backOffTimers.set(context.podKey, timer);
    }
    return first;
  }

  stop(pod: Pod): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    clearTimeout(this.backOffTimers.get(key));
    this.backOffTimers.delete(key);
  }
}
