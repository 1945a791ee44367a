import { join } from 'node:path';
import { demoAccount, type DemoAccount } from './credentials';
import { e2eStack } from './stack-env';

/** The demo's seeded accounts, each signed in once per run by e2e/auth.setup.ts. */
export const demoAccounts: readonly DemoAccount[] = ['admin', 'project-regular'];

/**
 * Where the setup project keeps `account`'s signed-in browser state (its session cookie): inside
 * the run's temporary data directory, so it goes with it when the run ends.
 */
export function storageStatePath(account: DemoAccount): string {
  return join(e2eStack().dataDir, 'playwright-storage-state', `${account}.json`);
}

/**
 * For `test.use(signedInAs('admin'))`: the spec's pages open already signed in as `account`,
 * without going through the sign-in form (which e2e/sign-in.spec.ts tests once).
 */
export function signedInAs(account: DemoAccount): { storageState: string } {
  return { storageState: storageStatePath(account) };
}

export { demoAccount };
