import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '@/lib/domain/api/endpoints';
import { AccountStore } from '@/lib/server/accounts/account-store';
import { cookieOf, password, startConsoleFixture, type ConsoleFixture } from './console-fixture';

/** Sign-in, sessions and their end, through the route handlers against a real sandbox. */

let f: ConsoleFixture;
beforeAll(async () => {
  f = await startConsoleFixture();
});
afterAll(async () => f?.dispose());

const signIn = (username: string, pw = password, headers: Record<string, string> = {}) =>
  f.call(endpoints.signIn, { body: { username, password: pw }, headers });

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax cookie and answers who signed in', async () => {
    const response = await signIn('operator');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: { username: 'operator', groups: [], platformRole: 'user', via: 'account' },
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^aviary-session=[^;]+; Path=\/; Max-Age=86400; SameSite=Lax; HttpOnly$/,
    );
    expect(setCookie).not.toContain(password);
    const me = await f.call(endpoints.me, { cookie: cookieOf(response) });
    expect(await me.json()).toMatchObject({ user: { username: 'operator' } });
  });

  it('answers an unknown user and a wrong password the same way', async () => {
    const unknown = await signIn('nobody', 'whatever-password', { 'x-forwarded-for': '10.1.0.1' });
    const wrong = await signIn('viewer', 'not-the-password', { 'x-forwarded-for': '10.1.0.2' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it('slows down repeated failures for one account with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await signIn('project-admin', 'wrong-password', { 'x-forwarded-for': `10.2.0.${i}` }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await signIn('project-admin', password, { 'x-forwarded-for': '10.2.0.9' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses another origin (403), a body that is not JSON (415), an oversized one (413), unknown fields (422)', async () => {
    const statusOf = async (options: Parameters<ConsoleFixture['call']>[1]) =>
      (await f.call(endpoints.signIn, options)).status;
    expect(
      await statusOf({ body: { username: 'admin', password }, origin: 'http://evil.test' }),
    ).toBe(403);
    expect(
      await statusOf({
        rawBody: 'username=admin',
        contentType: 'application/x-www-form-urlencoded',
      }),
    ).toBe(415);
    expect(
      await statusOf({ rawBody: JSON.stringify({ username: 'a'.repeat(20_000), password }) }),
    ).toBe(413);
    const unknownField = await f.call(endpoints.signIn, {
      body: { username: 'admin', password, admin: true },
    });
    expect(unknownField.status).toBe(422);
    expect((await unknownField.json()).error.code).toBe('Invalid');
    expect(await statusOf({ rawBody: '{not json' })).toBe(400);
  });

  it('signs in with a bearer token the cluster accepts, keeping the token out of every answer', async () => {
    const token = f.sandbox.kubeConfig.getCurrentUser()?.token;
    expect(token).toBeTruthy();
    const response = await f.call(endpoints.signIn, { body: { token } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(token!);
    expect(JSON.parse(text).user).toMatchObject({ via: 'token', platformRole: 'admin' });
    const projects = await f.call(endpoints.listProjects, { cookie: cookieOf(response) });
    expect(projects.status).toBe(200);
    const refused = await f.call(endpoints.signIn, {
      body: { token: 'not-a-token-anyone-issued' },
    });
    expect(refused.status).toBe(401);
  });
});

describe('the end of a session', () => {
  it('sign-out makes the old cookie stop working', async () => {
    const cookie = cookieOf(await signIn('viewer'));
    expect((await f.call(endpoints.me, { cookie })).status).toBe(200);
    expect((await f.call(endpoints.signOut, { cookie })).status).toBe(204);
    expect((await f.call(endpoints.me, { cookie })).status).toBe(401);
  });

  it('a password change and deleting the account end its sessions', async () => {
    const store = new AccountStore(f.kc, 'aviary-system');
    await store.create('short-lived', 'user', password);
    const cookie = cookieOf(await signIn('short-lived'));
    expect((await f.call(endpoints.me, { cookie })).status).toBe(200);
    await store.setPassword('short-lived', 'another password entirely');
    expect((await f.call(endpoints.me, { cookie })).status).toBe(401);
    const again = cookieOf(await signIn('short-lived', 'another password entirely'));
    expect((await f.call(endpoints.me, { cookie: again })).status).toBe(200);
    const admin = await f.signIn('admin');
    expect(
      (await f.call(endpoints.deleteUser, { cookie: admin, params: { username: 'short-lived' } }))
        .status,
    ).toBe(204);
    expect((await f.call(endpoints.me, { cookie: again })).status).toBe(401);
  });

  it('a forged or tampered cookie is no session', async () => {
    const cookie = cookieOf(await signIn('operator'));
    const tampered = cookie.slice(0, -4) + (cookie.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await f.call(endpoints.me, { cookie: tampered })).status).toBe(401);
    expect((await f.call(endpoints.me, { cookie: 'aviary-session=hello' })).status).toBe(401);
  });
});
