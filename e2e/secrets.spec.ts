/**
 * The demo's real secrets never reach a browser: not in the production build's static files
 * (`.next/static`, which every visitor may download), not in the HTML of any page, signed out or
 * signed in, and not in the API's answers to the browser. The secrets are read from where the
 * demo keeps them: its data directory (credentials.json, session-secret, kubeconfigs) and the
 * account Secrets in the cluster.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { readDemoCredentials, type DemoAccount } from './support/credentials';
import { kubectlJson } from './support/kubectl';
import { e2eStack } from './support/stack-env';

interface SecretList {
  items: Array<{ metadata: { name: string }; data?: Record<string, string> }>;
}

async function demoSecrets(): Promise<[string, string][]> {
  const stack = e2eStack();
  const secrets: [string, string][] = [];
  for (const [account, password] of Object.entries(await readDemoCredentials())) {
    secrets.push([`${account}'s password`, password]);
  }
  secrets.push([
    'the session secret',
    readFileSync(join(stack.dataDir, 'session-secret'), 'utf8').trim(),
  ]);
  const usersDir = join(stack.dataDir, 'users');
  const kubeconfigs = [
    stack.kubeconfig,
    ...(existsSync(usersDir) ? readdirSync(usersDir).map((name) => join(usersDir, name)) : []),
  ];
  for (const path of kubeconfigs) {
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    for (const user of kc.getUsers()) {
      for (const [what, value] of [
        ['token', user.token],
        ['client key', user.keyData],
        ['client certificate', user.certData],
        ['password', user.password],
      ] as const) {
        if (value) secrets.push([`${path}'s ${what} (${user.name})`, value]);
      }
    }
  }
  const accounts = await kubectlJson<SecretList>([
    'get',
    'secrets',
    '-n',
    'aviary-system',
    '-l',
    'aviary.dev/account',
  ]);
  expect(accounts.items.length).toBeGreaterThanOrEqual(2);
  for (const secret of accounts.items) {
    const encoded = secret.data?.passwordHash;
    if (!encoded) continue;
    const hash = Buffer.from(encoded, 'base64').toString('utf8');
    secrets.push(
      [`${secret.metadata.name}'s hash`, hash],
      [`${secret.metadata.name}'s hash (base64)`, encoded],
    );
    const key = hash.split('$').at(-1);
    if (key) secrets.push([`${secret.metadata.name}'s scrypt key`, key]);
  }
  return secrets.filter(([, value]) => value.length >= 8);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function expectNoSecret(secrets: [string, string][], where: string, text: string) {
  for (const [name, secret] of secrets) {
    expect(text.includes(secret), `${name} in ${where}`).toBe(false);
  }
  expect(text, `a password hash in ${where}`).not.toContain('scrypt$');
}

test('no secret of the demo is in the build output, a page or an API answer', async () => {
  const secrets = await demoSecrets();

  const staticDir = join(test.info().config.rootDir, '..', '.next', 'static');
  const files = filesUnder(staticDir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expectNoSecret(secrets, file, readFileSync(file, 'latin1'));

  const { baseURL } = e2eStack();
  const credentials = await readDemoCredentials();
  const pages = ['/', '/sign-in', '/projects', '/projects/demo-project', '/admin/users'];
  const gets = ['/api/auth/me', '/api/projects', '/api/projects/demo-project', '/api/admin/users'];
  let pagesServed = 0;
  for (const who of [undefined, 'admin', 'project-regular'] as (DemoAccount | undefined)[]) {
    const context = await playwrightRequest.newContext({ baseURL });
    try {
      if (who) {
        const signIn = await context.post('/api/auth/sign-in', {
          data: { username: who, password: credentials[who] },
          headers: { origin: baseURL },
        });
        expect(signIn.status()).toBe(200);
        expectNoSecret(secrets, `the sign-in answer of ${who}`, await signIn.text());
      }
      for (const path of [...pages, ...gets]) {
        const response = await context.get(path);
        if (response.status() === 200 && pages.includes(path)) pagesServed += 1;
        const headers = response
          .headersArray()
          .map(({ name, value }) => `${name}: ${value}`)
          .join('\n');
        expectNoSecret(
          secrets,
          `${path} as ${who ?? 'signed out'}`,
          `${headers}\n${await response.text()}`,
        );
      }
    } finally {
      await context.dispose();
    }
  }
  expect(pagesServed).toBeGreaterThan(0);
});
