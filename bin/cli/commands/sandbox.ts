import { resolve } from 'node:path';
import { CommandFailure } from '../cli-errors';
import { defineCommand } from '../command';
import { dataDirOption } from '../common-options';
import { portSchema, switchSchema } from '../options';
import { isPortAvailable } from '../process/port-available';
import { runServices } from '../services/run-services';
import { sandboxService } from '../services/sandbox-service';

export const command = defineCommand({
  options: {
    dataDir: dataDirOption,
    apiPort: {
      flag: 'api-port',
      env: 'AVIARY_API_PORT',
      kind: 'string',
      placeholder: 'N',
      description: 'port of the sandbox Kubernetes API (HTTPS) on 127.0.0.1',
      schema: portSchema.default(6443),
    },
    noDemo: {
      flag: 'no-demo',
      env: 'AVIARY_NO_DEMO',
      kind: 'boolean',
      description: 'do not seed the demo project (demo-project with Bookinfo v1)',
      schema: switchSchema,
    },
  },
  description: [
    'Runs the embedded sandbox cluster alone: a Kubernetes API server (HTTPS, objects in',
    '<data-dir>/cluster.db) with its controllers and Istio\'s CRDs, and seeds demo-project unless',
    '--no-demo. The admin kubeconfig is written to <data-dir>/kubeconfig: point kubectl at it.',
    'Subcommand: `aviary sandbox user add NAME [--group G ...]` adds a user and writes',
    '<data-dir>/users/NAME.kubeconfig. Ctrl-C (or SIGTERM) stops the sandbox; state persists.',
  ].join('\n'),
  subcommands: {
    user: async (argv) => (await import('./sandbox-user')).runSandboxUserCommand(argv),
  },

  async run({ dataDir, apiPort, noDemo }) {
    if (!(await isPortAvailable(apiPort))) {
      throw new CommandFailure(`port ${apiPort} on 127.0.0.1 is in use: stop what uses it or pick one with --api-port N`);
    }
    return runServices([sandboxService({ dataDir: resolve(dataDir), apiPort, seedDemo: !noDemo })]);
  },
});
