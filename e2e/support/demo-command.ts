import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface DemoPorts {
  console: number;
  api: number;
  gateway: number;
  jaeger: number;
  otlp: number;
  metrics: number;
}

/**
 * `node bin/aviary.js demo` as the end-to-end tests run it: every port given (freshly chosen),
 * a data directory of the run's own, and the production build served as it is (`--no-build`: the
 * tests test what was built, even if someone saves a source file meanwhile).
 */
export function demoArgs(dataDir: string, ports: DemoPorts): string[] {
  return [
    'bin/aviary.js',
    'demo',
    '--no-build',
    '--data-dir',
    dataDir,
    '--console-port',
    String(ports.console),
    '--api-port',
    String(ports.api),
    '--gateway-port',
    String(ports.gateway),
    '--jaeger-port',
    String(ports.jaeger),
    '--otlp-port',
    String(ports.otlp),
    '--metrics-port',
    String(ports.metrics),
  ];
}

/** The line the demo prints once every service answers (bin/cli/services/run-services.ts). */
export const demoReadyLine = /^ready; press Ctrl-C to stop$/m;
