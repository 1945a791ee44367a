/**
 * A sandbox API server in its own process, with the workload controllers on and a pod runtime
 * that only marks pods ready (no server behind them), and the ReleaseJob CRD installed: what the
 * release controller needs to converge thousands of jobs without running thousands of servers.
 * Usage: node bin/run-ts.js bench/support/run-ready-sandbox.ts DATA_DIR
 * It prints one line `READY <url>` once it serves; SIGTERM stops it cleanly.
 */
import { releaseJobCrd } from '@/lib/domain/release';
import { startSandboxCluster } from '@/lib/sandbox/cluster/sandbox-cluster';
import type { KubeObject } from '@/lib/sandbox/apiserver/types';
import { ReadyMarkingRuntime } from '@/lib/sandbox/controllers';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: run-ready-sandbox.ts DATA_DIR');
const cluster = await startSandboxCluster({
  dataDir,
  apiPort: 0,
  podRuntime: new ReadyMarkingRuntime(),
  extraCrds: [releaseJobCrd() as unknown as KubeObject],
});
console.log(`READY ${cluster.url}`);
const stop = () => void cluster.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
