import { startSandbox, type Sandbox, type SandboxPorts } from '@/lib/sandbox/sandbox';
import type { ServiceDefinition } from './service';

export interface SandboxServiceOptions {
  dataDir: string;
  ports: SandboxPorts;
  seedDemo: boolean;
  allowExec: boolean;
  /** Receives the running sandbox, for services started after it (the console needs its URLs). */
  onStarted?: (sandbox: Sandbox) => void;
}

/**
 * The embedded sandbox, in this process: Kubernetes API server and controllers, running pods,
 * the mesh with its ingress gateway, metrics and traces; and the demo project unless told otherwise.
 */
export function sandboxService(options: SandboxServiceOptions): ServiceDefinition {
  return {
    name: 'sandbox',
    async start() {
      const sandbox = await startSandbox({
        dataDir: options.dataDir,
        ports: options.ports,
        seedDemo: options.seedDemo,
        allowExec: options.allowExec,
      });
      options.onStarted?.(sandbox);
      const { urls } = sandbox;
      return {
        name: 'sandbox',
        endpoints: [
          { label: 'Kubernetes API', url: urls.api },
          { label: 'kubeconfig', url: urls.kubeconfig },
          ...(options.seedDemo
            ? [{ label: 'Bookinfo', url: `${urls.gateway}/productpage` }]
            : [{ label: 'Ingress gateway', url: urls.gateway }]),
          { label: 'Prometheus API', url: `${urls.metrics}/api/v1/query` },
          { label: 'Metrics', url: `${urls.metrics}/metrics` },
          { label: 'Jaeger query API', url: `${urls.jaeger}/api/services` },
          { label: 'OTLP/HTTP', url: `${urls.otlp}/v1/traces` },
        ],
        // The sandbox runs in this process: it cannot end on its own without ending the command.
        ended: new Promise<string>(() => undefined),
        stop: () => sandbox.stop(),
      };
    },
  };
}
