import { readFileSync } from 'node:fs';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '@/lib/domain/api/endpoint';
import { allEndpoints, endpoints } from '@/lib/domain/api/endpoints';
import {
  cast,
  cookieOf,
  password,
  startConsoleFixture,
  type CallOptions,
  type CastMember,
  type ConsoleFixture,
} from './console-fixture';
import { application, freshAccount, project, seedApplication } from './console-targets';

/**
 * Nothing secret leaves the console through its API: no password, password hash, bearer token,
 * kubeconfig credential or the session secret in any answer's body or headers, over every GET
 * endpoint as every cast member (and signed out, and signed in with a bearer token), and in the
 * answers to sign-in and account writes beyond the one password they exist to show once.
 */

let f: ConsoleFixture;

interface Seen {
  what: string;
  headers: string;
  body: string;
  /** A one-time password this answer is meant to show, in its `password` field only. */
  oneTimePassword?: string;
}
const seen: Seen[] = [];

/** Calls `e` and keeps the answer (a stream: until its first change event) for the final scan. */
async function record(
  what: string,
  e: Endpoint,
  options: CallOptions,
  oneTime?: (body: string) => string | undefined,
): Promise<{ status: number; body: string; cookie: string }> {
  const abort = new AbortController();
  const response = await f.call(e, { ...options, signal: abort.signal });
  let body = '';
  if (e.stream && response.status === 200) {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    // The first watch events list what the project holds: read until one arrives.
    while (!body.includes('event: change')) {
      const { value, done } = await reader.read();
      if (done) break;
      body += decoder.decode(value, { stream: true });
    }
    abort.abort();
    await reader.cancel();
  } else {
    body = await response.text();
  }
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  const oneTimePassword = oneTime?.(body);
  seen.push({ what, headers, body, ...(oneTimePassword ? { oneTimePassword } : {}) });
  return { status: response.status, body, cookie: cookieOf(response) };
}

const gets = allEndpoints.filter((e) => e.method === 'GET');
const paramsFor: Record<string, Record<string, string>> = {
  getProject: { ns: project },
  getProjectAccess: { ns: project },
  listMembers: { ns: project },
  projectEvents: { ns: project },
};

/** The password field of an answer that shows one once. */
const passwordOf = (body: string) => (JSON.parse(body) as { password?: string }).password;

beforeAll(async () => {
  f = await startConsoleFixture();
  await seedApplication(f);
});
afterAll(async () => f?.dispose());

describe('a full pass over the API', () => {
  it('reads every GET endpoint as every cast member, signed out and by bearer token', async () => {
    const token = f.kc.getCurrentUser()?.token;
    expect(token).toBeTruthy();
    const tokenSignIn = await record('sign-in by token', endpoints.signIn, { body: { token } });
    expect(tokenSignIn.status).toBe(200);
    const sessions: [string, string | undefined][] = [['signed out', undefined]];
    for (const who of Object.keys(cast) as CastMember[]) {
      const answer = await record(`sign-in ${who}`, endpoints.signIn, {
        body: { username: who, password },
      });
      expect(answer.status).toBe(200);
      sessions.push([who, answer.cookie]);
    }
    sessions.push(['bearer token', tokenSignIn.cookie]);
    expect(gets.map((e) => e.id)).toEqual(expect.arrayContaining(Object.keys(paramsFor)));
    for (const [who, cookie] of sessions) {
      for (const e of gets) {
        const params = paramsFor[e.id];
        await record(`${e.id} as ${who}`, e, {
          ...(params ? { params } : {}),
          ...(cookie ? { cookie } : {}),
        });
      }
    }
    // Enough of it succeeded to mean something: the admin saw accounts, members and a stream.
    const ok = (what: string) => seen.find((s) => s.what === what)!.body;
    expect(ok('listUsers as admin')).toContain('"username":"viewer"');
    expect(ok('listMembers as admin')).toContain('"username":"project-admin"');
    expect(ok('projectEvents as viewer')).toContain(`"name":"${application}"`);
    expect(ok('me as bearer token')).toContain('"via":"token"');
  });

  it('makes accounts and resets passwords, each answer showing its one password once', async () => {
    const admin = await f.signIn('admin');
    const given = 'a password chosen by the admin';
    const created = await record(
      'createUser with a password',
      endpoints.createUser,
      { cookie: admin, body: { username: 'chosen', password: given } },
      () => given,
    );
    expect(created.status).toBe(201);
    const generated = await record(
      'createUser generated',
      endpoints.createUser,
      { cookie: admin, body: { username: 'generated' } },
      passwordOf,
    );
    expect(generated.status).toBe(201);
    expect(passwordOf(generated.body)!.length).toBeGreaterThanOrEqual(10);
    await freshAccount(f, 'reset-me');
    const reset = await record(
      'resetUserPassword',
      endpoints.resetUserPassword,
      { cookie: admin, params: { username: 'reset-me' }, body: {} },
      passwordOf,
    );
    expect(reset.status).toBe(200);
    for (const [what, e, options] of [
      [
        'updateUser',
        endpoints.updateUser,
        { params: { username: 'chosen' }, body: { platformRole: 'admin' } },
      ],
      [
        'inviteMember',
        endpoints.inviteMember,
        { params: { ns: project }, body: { username: 'generated', role: 'viewer' } },
      ],
      [
        'changeMemberRole',
        endpoints.changeMemberRole,
        { params: { ns: project, username: 'generated' }, body: { role: 'operator' } },
      ],
      ['createProject', endpoints.createProject, { body: { name: 'secret-free' } }],
      [
        'setGovernance',
        endpoints.setGovernance,
        { params: { ns: project, app: application }, body: { enabled: false } },
      ],
      [
        'signIn wrong password',
        endpoints.signIn,
        { body: { username: 'chosen', password: 'not the password' } },
      ],
    ] as const) {
      await record(what, e, { cookie: admin, ...options });
    }
    // The new account signs in with the password it was shown.
    const signIn = await record('sign-in generated', endpoints.signIn, {
      body: { username: 'generated', password: passwordOf(generated.body) },
    });
    expect(signIn.status).toBe(200);
  });

  it('no answer holds a password, a hash, a token, a kubeconfig credential or the session secret', async () => {
    expect(seen.length).toBeGreaterThan(60);
    const secrets = await knownSecrets();
    for (const answer of seen) {
      let body = answer.body;
      if (answer.oneTimePassword) {
        // The one password it shows sits in its field and nowhere else.
        expect(passwordOf(body), answer.what).toBe(answer.oneTimePassword);
        body = JSON.stringify({ ...JSON.parse(body), password: '(shown once)' });
        expect(answer.headers, answer.what).not.toContain(answer.oneTimePassword);
      }
      for (const [name, secret] of secrets) {
        if (secret === answer.oneTimePassword) continue;
        expect(body.includes(secret), `${name} in the body of ${answer.what}`).toBe(false);
        expect(answer.headers.includes(secret), `${name} in the headers of ${answer.what}`).toBe(
          false,
        );
      }
      for (const marker of ['scrypt$', 'PRIVATE KEY', 'passwordHash', 'sessionSecret']) {
        expect(`${answer.headers}\n${body}`, `${marker} in ${answer.what}`).not.toContain(marker);
      }
    }
  });
});

/** What must never be shown, read from where it lives: the cluster, the kubeconfig, the config. */
async function knownSecrets(): Promise<[string, string][]> {
  const secrets: [string, string][] = [
    ['the cast password', password],
    ['the chosen password', 'a password chosen by the admin'],
    ['the session secret', f.context.config.sessionSecret],
  ];
  const user = f.kc.getCurrentUser();
  for (const [name, value] of [
    ['the admin token', user?.token],
    ['the kubeconfig client key', user?.keyData],
    ['the kubeconfig client certificate', user?.certData],
    ['the kubeconfig password', user?.password],
  ] as const) {
    if (value) secrets.push([name, value]);
  }
  if (user?.keyFile) secrets.push(['the client key file', readFileSync(user.keyFile, 'utf8')]);
  const accounts = await f.kc
    .makeApiClient(CoreV1Api)
    .listNamespacedSecret({ namespace: 'aviary-system', labelSelector: 'aviary.dev/account' });
  expect(accounts.items.length).toBeGreaterThanOrEqual(Object.keys(cast).length);
  for (const secret of accounts.items) {
    const encoded = secret.data?.passwordHash;
    if (!encoded) continue;
    const hash = Buffer.from(encoded, 'base64').toString('utf8');
    const [, , , , salt, key] = hash.split('$');
    secrets.push(
      [`${secret.metadata?.name}'s hash`, hash],
      [`${secret.metadata?.name}'s hash (base64)`, encoded],
      [`${secret.metadata?.name}'s salt`, salt!],
      [`${secret.metadata?.name}'s key`, key!],
    );
  }
  return secrets.filter(([, value]) => value.length >= 8);
}
