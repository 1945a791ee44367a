import { KubeConfig } from '@kubernetes/client-node';
import {
  startSandboxCluster,
  type SandboxCluster,
  type SandboxClusterOptions,
} from '@/lib/sandbox/cluster/sandbox-cluster';
import { makeTempDir } from './temp-dir';

export interface SandboxFixture {
  cluster: SandboxCluster;
  dataDir: string;
  kubeConfig: KubeConfig;
  /** Stops the sandbox and starts it again on the same data dir and port. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** A sandbox API server in this process, on a free port, with its own temporary data dir. */
export async function startSandboxFixture(
  options: Partial<SandboxClusterOptions> = {},
): Promise<SandboxFixture> {
  const dir = makeTempDir('sandbox');
  const start = (port: number) =>
    startSandboxCluster({ dataDir: dir.path, apiPort: port, ...options });
  const fixture: SandboxFixture = {
    cluster: await start(0),
    dataDir: dir.path,
    kubeConfig: new KubeConfig(),
    async restart() {
      const port = fixture.cluster.port;
      await fixture.cluster.stop();
      fixture.cluster = await start(port);
    },
    async dispose() {
      await fixture.cluster.stop();
      dir.remove();
    },
  };
  fixture.kubeConfig.loadFromFile(fixture.cluster.kubeconfigPath);
  return fixture;
}
