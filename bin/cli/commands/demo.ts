import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CommandFailure } from '../cli-errors';
import { defineCommand } from '../command';
import { dataDirOption } from '../common-options';
import { ensureConsoleBuild } from '../console/console-build';
import { portSchema, switchSchema } from '../options';
import { isPortAvailable } from '../process/port-available';
import { consoleService } from '../services/console-service';
import { runServices } from '../services/run-services';
import type { ServiceDefinition } from '../services/service';

export const command = defineCommand({
  options: {
    dataDir: dataDirOption,
    consolePort: {
      flag: 'console-port',
      env: 'AVIARY_CONSOLE_PORT',
      kind: 'string',
      placeholder: 'N',
      description: 'port of the console on 127.0.0.1',
      schema: portSchema.default(3000),
    },
    rebuild: {
      flag: 'rebuild',
      env: 'AVIARY_REBUILD',
      kind: 'boolean',
      description: 'build the console even when its build is newer than its sources',
      schema: switchSchema,
    },
  },
  description: [
    'Builds the console when .next/BUILD_ID is missing or older than the console sources, then serves',
    'the production build (next start) and prints its URL. Ctrl-C (or SIGTERM) stops everything.',
    'Until the sandbox lands, the console runs alone, with no cluster behind it.',
  ].join('\n'),

  async run({ dataDir, consolePort, rebuild }) {
    // Fail before a minute of building, not after, when the port is taken.
    if (!(await isPortAvailable(consolePort))) {
      throw new CommandFailure(
        `port ${consolePort} on 127.0.0.1 is in use (another demo?): stop that or pick a port with --console-port N`,
      );
    }
    await mkdir(resolve(dataDir), { recursive: true });
    await ensureConsoleBuild({ force: rebuild });

    // Started in this order, stopped in reverse. The sandbox goes first once it exists, and the
    // console gets its URLs (kubeconfig, Prometheus, Jaeger) through `env`.
    const services: ServiceDefinition[] = [consoleService({ port: consolePort })];
    return runServices(services);
  },
});
