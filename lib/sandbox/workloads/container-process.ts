/** What the pod runner needs of a running container, in-process or a local child process. */
export interface ContainerProcess {
  /** The loopback port the container serves on, once started. */
  readonly port: number | undefined;
  /** Starts (or restarts) it; rejects when it cannot start at all. */
  start(): Promise<void>;
  /** Stops it on purpose: no exit is reported for this. */
  kill(): Promise<void>;
}

/** How a container ended without being asked to, as `lastState.terminated` will show it. */
export interface ContainerExit {
  exitCode: number;
  reason: string;
  message?: string;
}
