/**
 * Entry point of a sandbox API server in its own process, for tests that must kill it
 * (`kill -9`) or restart it. Usage: node bin/run-ts.js test/support/run-sandbox-process.ts DATA_DIR
 * It prints one line `READY <url>` once it serves.
 */
import { startSandboxCluster } from '@/lib/sandbox/cluster/sandbox-cluster';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: run-sandbox-process.ts DATA_DIR');
const cluster = await startSandboxCluster({ dataDir, apiPort: 0, controllers: false });
console.log(`READY ${cluster.url}`);
const stop = () => void cluster.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
