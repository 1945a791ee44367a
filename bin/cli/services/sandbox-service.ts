import { seedDemoProject } from '@/lib/sandbox/demo/demo-seed';
import { startSandboxCluster, type SandboxCluster } from '@/lib/sandbox/cluster/sandbox-cluster';
import type { ServiceDefinition } from './service';

export interface SandboxServiceOptions {
  dataDir: string;
  apiPort: number;
  seedDemo: boolean;
  /** Receives the running sandbox, for services started after it (the console needs its URLs). */
  onStarted?: (sandbox: SandboxCluster) => void;
}

/**
 * The embedded sandbox cluster, in this process: its Kubernetes API server with controllers,
 * and the demo project unless told otherwise.
 */
export function sandboxService(options: SandboxServiceOptions): ServiceDefinition {
  return {
    name: 'sandbox',
    async start() {
      const sandbox = await startSandboxCluster({ dataDir: options.dataDir, apiPort: options.apiPort });
      if (options.seedDemo) {
        const { created } = seedDemoProject(sandbox.client);
        if (created.length > 0) console.log(`sandbox: seeded ${created.length} demo objects in demo-project`);
      }
      options.onStarted?.(sandbox);
      return {
        name: 'sandbox',
        endpoints: [
          { label: 'Kubernetes API', url: sandbox.url },
          { label: 'kubeconfig', url: sandbox.kubeconfigPath },
        ],
        // The sandbox runs in this process: it cannot end on its own without ending the command.
        ended: new Promise<string>(() => undefined),
        stop: () => sandbox.stop(),
      };
    },
  };
}
