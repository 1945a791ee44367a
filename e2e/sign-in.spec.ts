/**
 * Signing in through the form, as a person does: a signed-out visit to a page goes to sign-in,
 * and after it back to that page; a wrong password is refused in words, on the same page.
 */
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { demoAccount } from './support/signed-in';

test('a signed-out visit to a project goes through the sign-in form and back to the project', async ({
  page,
}) => {
  const { username, password } = await demoAccount('project-regular');
  const signIn = new SignInPage(page);
  await signIn.open('/projects/demo-project');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprojects%2Fdemo-project$/);
  await signIn.expectAccessible();

  await signIn.signIn(username, password);
  await expect(page).toHaveURL(/\/projects\/demo-project$/);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  const me = await page.request.get('/api/auth/me');
  expect(await me.json()).toMatchObject({ user: { username } });
});

test('a wrong password is refused in words and nobody is signed in', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('admin', 'not the password');
  await expect(signIn.failure('Wrong username or password.')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn.expectAccessible();
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
});
