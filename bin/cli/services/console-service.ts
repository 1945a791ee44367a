import { consoleServerArgs, packageRoot } from '../console/console-paths';
import { startChild } from '../process/child-process';
import { waitForHttp } from '../process/wait-for-http';
import type { ServiceDefinition } from './service';

/**
 * The console's production server (`next start` of `.next`) on 127.0.0.1:`port`, ready when
 * `/api/healthz` answers. `env` carries what it must know about the cluster it serves.
 */
export function consoleService({
  port,
  env = {},
}: {
  port: number;
  env?: Record<string, string>;
}): ServiceDefinition {
  return {
    name: 'console',
    async start() {
      const baseUrl = `http://127.0.0.1:${port}`;
      const child = startChild({
        name: 'console',
        command: process.execPath,
        args: consoleServerArgs(port),
        cwd: packageRoot,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
        output: 'prefix',
      });
      try {
        await waitForHttp(`${baseUrl}/api/healthz`, {
          name: 'the console',
          timeoutMs: 60_000,
          exited: child.exited,
        });
      } catch (error) {
        await child.stop();
        throw error;
      }
      return {
        name: 'console',
        endpoints: [{ label: 'Console', url: `${baseUrl}/` }],
        ended: child.exited.then(({ code, signal }) => `exited (${code ?? signal})`),
        stop: async () => {
          await child.stop();
        },
      };
    },
  };
}
