import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { expectAccessible } from './support/accessibility';
import { demoAccount } from './support/credentials';
import { kubectlJson } from './support/kubectl';
import { e2eStack } from './support/stack-env';

/**
 * Issue 13's walkthrough, as new users do it in the browser against the demo stack: the admin
 * creates team-a and invites project-regular as operator; project-regular sees exactly its two
 * projects and switches governance of Bookinfo off and on (pods restart without, then with,
 * sidecars; requests stop, then start again, showing in Istio's metrics); a viewer sees no
 * control that changes anything; signing out ends the session everywhere. Screenshots of each
 * step are kept with the test's results.
 */

test.describe.configure({ mode: 'serial' });

const shot = (page: Page, info: TestInfo, name: string) =>
  page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });

async function signedInPage(browser: Browser, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eStack().baseURL });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.open('/projects');
  await signIn.signIn(username, password);
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  return page;
}

/** Istio's request count for productpage-v1 as one reporter saw it, from the metrics API. */
async function productpageRequests(reporter: 'source' | 'destination'): Promise<number> {
  const query = encodeURIComponent(
    `sum(istio_requests_total{reporter="${reporter}",destination_workload="productpage-v1",destination_workload_namespace="demo-project"})`,
  );
  const response = await fetch(`${e2eStack().prometheusURL}/api/v1/query?query=${query}`);
  const body = (await response.json()) as { data: { result: { value: [number, string] }[] } };
  return Number(body.data.result[0]?.value[1] ?? 0);
}
/** What productpage's own sidecar reported: nothing while it has none. */
const productpageServed = () => productpageRequests('destination');
/** What the ingress gateway reported sending to productpage: it counts with or without governance. */
const gatewaySent = () => productpageRequests('source');

async function sendBookinfoRequests(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${e2eStack().gatewayURL}/productpage`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  }
}

type PodList = {
  items: {
    metadata: { annotations?: Record<string, string>; labels?: Record<string, string> };
    status?: { phase?: string };
  }[];
};

async function bookinfoPodsWithSidecar(): Promise<{ with: number; total: number }> {
  const pods = await kubectlJson<PodList>([
    '-n',
    'demo-project',
    'get',
    'pods',
    '-l',
    'app.kubernetes.io/name!=none',
  ]);
  const running = pods.items.filter((p) => p.status?.phase === 'Running');
  return {
    with: running.filter((p) => p.metadata.annotations?.['sidecar.istio.io/status']).length,
    total: running.length,
  };
}

test('the admin creates team-a and invites project-regular as operator', async ({
  browser,
}, info) => {
  const admin = await demoAccount('admin');
  const page = await signedInPage(browser, admin.username, admin.password);
  await shot(page, info, '01-admin-projects');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Create project' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create project' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Team_A');
  await expect(dialog.getByText(/must be a DNS-1123 label/)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('team-a');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('The second team');
  await shot(page, info, '02-create-project');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('link', { name: 'team-a' })).toBeVisible();

  await page.goto('/projects/team-a/members');
  await page.getByRole('button', { name: 'Invite member' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite member' });
  await invite.getByRole('textbox', { name: 'Account' }).fill('project-regular');
  await invite.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Operator' }).click();
  await shot(page, info, '03-invite-member');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('cell', { name: 'project-regular', exact: true })).toBeVisible();
  await shot(page, info, '04-team-a-members');
  await expectAccessible(page);
  await page.context().close();
});

test('project-regular sees its two projects and switches governance of bookinfo off and on', async ({
  browser,
}, info) => {
  test.setTimeout(180_000);
  const regular = await demoAccount('project-regular');
  const page = await signedInPage(browser, regular.username, regular.password);
  const links = page.getByRole('table').getByRole('link');
  await expect(links).toHaveText(['demo-project', 'team-a']);
  await shot(page, info, '05-regular-projects');

  await page.getByRole('link', { name: 'demo-project' }).click();
  await expect(page.getByRole('heading', { name: 'Applications', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').getByText('Live')).toBeVisible();
  await expect(page.getByText('Governance on')).toBeVisible();
  await expectAccessible(page);
  await shot(page, info, '06-overview-governed');

  await page.getByRole('switch', { name: 'Application governance for bookinfo' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('their pods restart');
  await shot(page, info, '07-governance-off-confirm');
  await confirm.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByText('Governance off')).toBeVisible();
  // The page follows the pods restarting without sidecars, live, until none is left.
  await expect.poll(bookinfoPodsWithSidecar, { timeout: 60_000 }).toMatchObject({ with: 0 });
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 30_000 });
  await shot(page, info, '08-overview-ungoverned');
  const before = await productpageServed();
  const sentBefore = await gatewaySent();
  await sendBookinfoRequests(5);
  // Once the gateway's side of these requests shows, productpage's side would have too.
  await expect.poll(gatewaySent, { timeout: 30_000 }).toBeGreaterThanOrEqual(sentBefore + 5);
  expect(await productpageServed()).toBe(before);

  await page.getByRole('switch', { name: 'Application governance for bookinfo' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('Governance on')).toBeVisible();
  await expect.poll(bookinfoPodsWithSidecar, { timeout: 60_000 }).toEqual({ with: 4, total: 4 });
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 30_000 });
  await sendBookinfoRequests(5);
  await expect.poll(productpageServed, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 5);
  await shot(page, info, '09-overview-governed-again');
  await page.context().close();
});

test('a viewer sees no control that changes anything', async ({ browser, request }, info) => {
  const admin = await demoAccount('admin');
  const origin = e2eStack().baseURL;
  expect(
    (await request.post('/api/auth/sign-in', { data: admin, headers: { origin } })).status(),
  ).toBe(200);
  const created = await request.post('/api/admin/users', {
    data: { username: 'viewer-vera', platformRole: 'user' },
    headers: { origin },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { password } = (await created.json()) as { password: string };
  const invited = await request.post('/api/projects/demo-project/members', {
    data: { username: 'viewer-vera', role: 'viewer' },
    headers: { origin },
  });
  expect(invited.status(), await invited.text()).toBe(201);

  const page = await signedInPage(browser, 'viewer-vera', password);
  await page.goto('/projects/demo-project');
  await expect(page.getByText('Governance on')).toBeVisible();
  await expect(page.getByRole('switch')).toHaveCount(0);
  await page.goto('/projects/demo-project/members');
  await expect(page.getByRole('button', { name: 'Invite member' })).toHaveCount(0);
  await shot(page, info, '10-viewer-members');
  await expectAccessible(page);
  await page.goto('/projects');
  await expect(page.getByRole('button', { name: 'Create project' })).toHaveCount(0);
  await page.context().close();
});

test('signing out returns to sign-in and the old cookie no longer works', async ({
  browser,
  playwright,
}, info) => {
  const regular = await demoAccount('project-regular');
  const page = await signedInPage(browser, regular.username, regular.password);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'aviary-session');
  expect(session?.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain('aviary-session');

  await page.getByRole('button', { name: 'User menu' }).click();
  await shot(page, info, '11-user-menu');
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const replay = await playwright.request.newContext({
    baseURL: e2eStack().baseURL,
    extraHTTPHeaders: { cookie: `aviary-session=${session!.value}` },
  });
  expect((await replay.get('/api/auth/me')).status()).toBe(401);
  await replay.dispose();
  await page.context().close();
});

test('the sign-in page and a project page in Simplified Chinese', async ({ browser }, info) => {
  const regular = await demoAccount('project-regular');
  const context = await browser.newContext({ baseURL: e2eStack().baseURL });
  await context.addCookies([{ name: 'aviary-locale', value: 'zh-CN', url: e2eStack().baseURL }]);
  const page = await context.newPage();
  const signIn = new SignInPage(page, { username: '用户名', password: '密码', submit: '登录' });
  await signIn.open('/projects/demo-project');
  await shot(page, info, '12-sign-in-zh');
  await signIn.expectAccessible();
  await signIn.signIn(regular.username, regular.password);
  await expect(page).toHaveURL(/\/projects\/demo-project$/);
  await expect(page.getByRole('heading', { name: '应用', level: 1 })).toBeVisible();
  await expect(page.getByText('已开启应用治理')).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: '控制台导航' }).getByRole('link', { name: '项目成员' }),
  ).toBeVisible();
  await expectAccessible(page);
  await shot(page, info, '13-overview-zh');
  await context.close();
});

test('an unknown project answers 404 with a way back to the projects', async ({ browser }) => {
  const regular = await demoAccount('project-regular');
  const page = await signedInPage(browser, regular.username, regular.password);
  const response = await page.goto('/projects/no-such-project');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Project not found' })).toBeVisible();
  await page.getByRole('link', { name: 'All projects' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.context().close();
});
