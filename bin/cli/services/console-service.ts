import { consoleServerArgs, packageRoot } from '../console/console-paths';
import { childService } from './child-service';
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
  const baseUrl = `http://127.0.0.1:${port}`;
  return childService({
    name: 'console',
    description: 'the console',
    endpoints: [{ label: 'Console', url: `${baseUrl}/` }],
    command: process.execPath,
    args: consoleServerArgs(port),
    cwd: packageRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    readyUrl: `${baseUrl}/api/healthz`,
  });
}
