/**
 * Watches where a local (exec) container's processes listen, every period, and says when that
 * keeps traffic from it: in the sandbox the mesh and the pod network reach a local process only
 * on the loopback port in its $PORT, so one that binds its declared containerPort (as it would in
 * a real container) or any other port instead is unreachable. Watching ends once the process
 * listens on $PORT. The verdict is pure (`listeningPortIssue`); the watch does the polling.
 */
import { listeningPortsOfTree } from './listening-ports';

export interface PortIssue {
  reason: 'ListeningOnContainerPort' | 'NotListeningOnPort';
  message: string;
}

/**
 * What is wrong with where a process listens, or undefined when nothing is (it listens on
 * `assignedPort`, or on nothing yet).
 */
export function listeningPortIssue(input: {
  container: string;
  listening: readonly number[];
  assignedPort: number;
  declaredPorts: readonly number[];
}): PortIssue | undefined {
  const { container, listening, assignedPort, declaredPorts } = input;
  if (listening.length === 0 || listening.includes(assignedPort)) return undefined;
  const advice = `in the sandbox a local process must listen on 127.0.0.1:$PORT (PORT=${assignedPort}): pass "$(PORT)" in its args or read the PORT variable`;
  const declared = listening.filter((port) => declaredPorts.includes(port));
  if (declared.length > 0) {
    return {
      reason: 'ListeningOnContainerPort',
      message: `container ${container} listens on its containerPort ${declared.join(', ')}, where nothing reaches it; ${advice}`,
    };
  }
  return {
    reason: 'NotListeningOnPort',
    message: `container ${container} listens on ${listening.join(', ')}, not on its PORT; ${advice}`,
  };
}

export interface ListeningPortWatchOptions {
  pid: () => number | undefined;
  assignedPort: number;
  declaredPorts: readonly number[];
  container: string;
  periodMs: number;
  /** Called when the verdict changes (undefined: the issue is gone). */
  onChange: (issue: PortIssue | undefined) => void;
}

export class ListeningPortWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private reported: string | undefined;

  constructor(
    private readonly options: ListeningPortWatchOptions,
    private readonly portsOf: (pid: number) => Promise<number[] | undefined> = listeningPortsOfTree,
  ) {}

  start(): void {
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    const { options } = this;
    const pid = options.pid();
    const listening = pid === undefined ? undefined : await this.portsOf(pid);
    if (this.stopped) return;
    // /proc cannot tell (not Linux): nothing to say, nothing more to watch.
    if (listening === undefined) return;
    const issue = listeningPortIssue({ ...options, listening });
    const text = issue?.message;
    if (text !== this.reported) {
      this.reported = text;
      options.onChange(issue);
    }
    if (listening.includes(options.assignedPort)) return;
    this.schedule(options.periodMs);
  }
}
