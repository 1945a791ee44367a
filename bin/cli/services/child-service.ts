import { startChild } from '../process/child-process';
import { waitForHttp } from '../process/wait-for-http';
import type { ServiceDefinition } from './service';

export interface ChildServiceOptions {
  name: string;
  /** What the ready line shows: `[{ label: 'Console', url }]`. */
  endpoints: ReadonlyArray<{ label: string; url: string }>;
  command: string;
  args: readonly string[];
  cwd?: string;
  env: Record<string, string | undefined>;
  /** Ready when this answers 2xx. */
  readyUrl: string;
  readyTimeoutMs?: number;
  /** Shown in messages: `the console did not answer ...`. */
  description?: string;
}

/**
 * A service that is a process of its own (the console's `next start`): started in its own process
 * group behind the orphan guard, so it ends with the launcher however the launcher ends; ready
 * when `readyUrl` answers; stopped by SIGTERM to its group, SIGKILL after 5 s.
 */
export function childService(options: ChildServiceOptions): ServiceDefinition {
  return {
    name: options.name,
    async start() {
      const child = startChild({
        name: options.name,
        command: options.command,
        args: options.args,
        cwd: options.cwd,
        env: options.env,
        output: 'prefix',
      });
      try {
        await waitForHttp(options.readyUrl, {
          name: options.description ?? options.name,
          timeoutMs: options.readyTimeoutMs ?? 60_000,
          exited: child.exited,
        });
      } catch (error) {
        await child.stop();
        throw error;
      }
      return {
        name: options.name,
        endpoints: options.endpoints,
        ended: child.exited.then(({ code, signal }) => `exited (${code ?? signal})`),
        stop: async () => {
          await child.stop();
        },
      };
    },
  };
}
