/**
 * The logs of the runtime's containers, served to `GET .../pods/{name}/log` as the API server's
 * LogSource: the current run of each container and, after a restart, the previous one
 * (`--previous`), each a bounded ring of timestamped lines.
 */
import type { LogOptions, LogSource } from '../apiserver/http/plugins';
import { LogRing } from './log-ring';

interface ContainerLogs {
  current: LogRing;
  previous?: LogRing;
}

export class PodLogStore implements LogSource {
  private readonly pods = new Map<string, Map<string, ContainerLogs>>();

  constructor(
    private readonly capacity = 1000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A function that appends to the current run of `container` in pod `podKey` ("ns/name"). */
  writer(podKey: string, container: string): (text: string) => void {
    return (text) => this.logs(podKey, container).current.append(text, this.now());
  }

  /** Starts a new run of the container: the current log becomes the previous one. */
  rotate(podKey: string, container: string): void {
    const logs = this.logs(podKey, container);
    logs.previous = logs.current;
    logs.current = new LogRing(this.capacity);
  }

  /** Forgets a pod (it was deleted; its logs go with it, as on a node). */
  remove(podKey: string): void {
    this.pods.delete(podKey);
  }

  read(namespace: string, pod: string, options: LogOptions): string | undefined {
    const containers = this.pods.get(`${namespace}/${pod}`);
    if (!containers) return undefined;
    const logs = options.container
      ? containers.get(options.container)
      : containers.values().next().value;
    const ring = options.previous ? logs?.previous : logs?.current;
    if (!ring) return undefined;
    let lines = ring.lines();
    if (options.tailLines !== undefined && options.tailLines >= 0)
      lines = lines.slice(Math.max(0, lines.length - options.tailLines));
    return lines
      .map((line) => (options.timestamps ? `${line.time} ${line.text}\n` : `${line.text}\n`))
      .join('');
  }

  private logs(podKey: string, container: string): ContainerLogs {
    let containers = this.pods.get(podKey);
    if (!containers) {
      containers = new Map();
      this.pods.set(podKey, containers);
    }
    let logs = containers.get(container);
    if (!logs) {
      logs = { current: new LogRing(this.capacity) };
      containers.set(container, logs);
    }
    return logs;
  }
}
