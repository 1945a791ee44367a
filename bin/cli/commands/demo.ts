import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { demoNamespace } from '@/lib/sandbox/demo/demo-seed';
import { defineCommand } from '../command';
import { dataDirOption } from '../common-options';
import { UsageError, CommandFailure } from '../cli-errors';
import { consoleBuildState, ensureConsoleBuild } from '../console/console-build';
import { ensureSessionSecret } from '../console/session-secret';
import { portSchema, switchSchema } from '../options';
import { requireFreePorts } from '../process/require-free-ports';
import { sandboxOptions, sandboxPorts } from '../sandbox-options';
import { consoleService } from '../services/console-service';
import { demoAccountsService } from '../services/demo-accounts-service';
import { sandboxService } from '../services/sandbox-service';
import { runServices } from '../services/run-services';
import type { ServiceDefinition } from '../services/service';
import { sandboxTrafficService } from '../services/traffic-service';

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
    noBuild: {
      flag: 'no-build',
      env: 'AVIARY_NO_BUILD',
      kind: 'boolean',
      description:
        'serve the production build as it is, even when sources are newer (as the end-to-end tests do)',
      schema: switchSchema,
    },
    ...sandboxOptions,
  },
  description: [
    'Starts the sandbox (Kubernetes API, Bookinfo in demo-project, mesh, metrics, traces; state in',
    '<data-dir>), builds the console when .next/BUILD_ID is missing or older than its sources, serves',
    'the production build (next start) against the sandbox, and prints every URL. With --traffic, it',
    'also sends 2 requests per second to Bookinfo (as `aviary traffic`) so the console has live figures.',
    'Unless --no-demo, it makes the console accounts admin and project-regular (operator of',
    'demo-project) and prints their passwords, kept in <data-dir>/credentials.json. The console',
    'signs sessions with <data-dir>/session-secret, made on the first start and kept.',
    'Ctrl-C (or SIGTERM) stops everything; a restart keeps jobs, objects, accounts and sessions.',
  ].join('\n'),

  async run(values) {
    const { consolePort, rebuild, noBuild } = values;
    if (rebuild && noBuild) throw new UsageError('--rebuild and --no-build contradict each other');
    const dataDir = resolve(values.dataDir);
    const ports = sandboxPorts(values);
    // Fail before a minute of building, not after, when a port is taken (another demo?).
    await requireFreePorts({ console: consolePort, ...ports });
    await mkdir(dataDir, { recursive: true });
    const sessionSecret = ensureSessionSecret(dataDir);
    if (!noBuild) await ensureConsoleBuild({ force: rebuild });
    else if (consoleBuildState().state === 'missing')
      throw new CommandFailure('--no-build: there is no production build in .next (npm run build)');

    // Started in this order, stopped in reverse: the console reads the sandbox through the same
    // protocols it uses for a real cluster (kubeconfig, Prometheus API, Jaeger API), and runs the
    // release controller inside its server (instrumentation.ts).
    const kubeconfig = join(dataDir, 'kubeconfig');
    const services: ServiceDefinition[] = [
      sandboxService({ dataDir, ports, seedDemo: !values.noDemo, allowExec: values.allowExec }),
      // Accounts exist before the console starts; project-regular operates the seeded project.
      ...(values.noDemo
        ? []
        : [demoAccountsService({ dataDir, kubeconfig, project: demoNamespace })]),
      // Stops before the sandbox it sends to (services stop in reverse order).
      ...(values.traffic ? [sandboxTrafficService(() => `http://127.0.0.1:${ports.gateway}`)] : []),
      consoleService({
        port: consolePort,
        env: {
          KUBECONFIG: kubeconfig,
          AVIARY_PROMETHEUS_URL: `http://127.0.0.1:${ports.metrics}`,
          AVIARY_JAEGER_URL: `http://127.0.0.1:${ports.jaeger}`,
          AVIARY_SESSION_SECRET: sessionSecret,
        },
      }),
    ];
    return runServices(services);
  },
});
