/**
 * Playwright's setup project: signs in each seeded account once per run, through the API as a
 * script would (the sign-in form has its own spec), and keeps its browser state for the specs
 * that run as that account (`test.use(signedInAs('admin'))`).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test as setup } from '@playwright/test';
import { e2eStack } from './support/stack-env';
import { demoAccount, demoAccounts, storageStatePath } from './support/signed-in';

for (const account of demoAccounts) {
  setup(`sign in as ${account}`, async ({ request }) => {
    const { username, password } = await demoAccount(account);
    const signIn = await request.post('/api/auth/sign-in', {
      data: { username, password },
      // The console refuses writes from another origin; a browser would send its own.
      headers: { origin: e2eStack().baseURL },
    });
    expect(signIn.status(), await signIn.text()).toBe(200);

    const me = await request.get('/api/auth/me');
    expect(me.status(), await me.text()).toBe(200);
    expect(await me.json()).toMatchObject({
      user: { username, via: 'account', platformRole: account === 'admin' ? 'admin' : 'user' },
    });

    const path = storageStatePath(account);
    mkdirSync(dirname(path), { recursive: true });
    await request.storageState({ path });
  });
}
