/**
 * The setup project's saved sessions work: a spec that uses `signedInAs(account)` is that
 * account from its first request, and one that does not is signed out.
 */
import { expect, test } from '@playwright/test';
import { signedInAs } from './support/signed-in';

for (const [account, platformRole] of [
  ['admin', 'admin'],
  ['project-regular', 'user'],
] as const) {
  test.describe(`signed in as ${account}`, () => {
    test.use(signedInAs(account));

    test(`the browser carries ${account}'s session`, async ({ page }) => {
      const me = await page.request.get('/api/auth/me');
      expect(me.status(), await me.text()).toBe(200);
      expect(await me.json()).toMatchObject({ user: { username: account, platformRole } });
    });
  });
}

test('without a saved session the browser is signed out', async ({ page }) => {
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
});
