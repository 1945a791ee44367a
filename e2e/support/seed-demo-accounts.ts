/**
 * `node bin/run-ts.js e2e/support/seed-demo-accounts.ts DATA_DIR`: the demo's accounts (admin,
 * project-regular as operator of demo-project) in a sandbox started on its own with
 * `aviary sandbox --data-dir DATA_DIR`, as `aviary demo` makes them before its console starts
 * (bin/cli/services/demo-accounts-service.ts). Writes DATA_DIR/credentials.json.
 *
 * A script rather than an import in a spec: lib/server imports `server-only`, which throws outside
 * Next.js unless the loader of bin/run-ts.js maps it to its empty module.
 */
import { join, resolve } from 'node:path';
import { seedDemoAccounts } from '../../lib/server/accounts/demo-accounts';
import { loadKubeConfig } from '../../lib/server/kube/kube-config';

const [dataDirArgument] = process.argv.slice(2);
if (!dataDirArgument) {
  console.error('usage: node bin/run-ts.js e2e/support/seed-demo-accounts.ts DATA_DIR');
  process.exit(2);
}
const dataDir = resolve(dataDirArgument);
const { path } = await seedDemoAccounts(
  loadKubeConfig({ kubeconfig: join(dataDir, 'kubeconfig') }),
  {
    dataDir,
    project: 'demo-project',
  },
);
console.log(`accounts seeded; passwords in ${path}`);
// The kubeconfig's shared agent keeps connections open: end now that the work is done.
process.exit(0);
