/**
 * The actor of release operations is who the API server says the kubeconfig acts as
 * (SelfSubjectReview), not the name of the kubeconfig's user entry.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whoAmI } from '@/lib/server/release/actor';
import { addSandboxUser } from '@/lib/sandbox/cluster/user-accounts';
import { freePort } from '../../support/free-port';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait-for';

let sandbox: SandboxFixture;
let aliceToken: string;

/** A kubeconfig whose user entry is called `entryName` and holds `token`. */
function kubeConfig(
  server: string,
  entryName: string,
  token: string,
  impersonateUser?: string,
): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      {
        name: 'sandbox',
        server,
        caData: Buffer.from(sandbox.cluster.caCertPem).toString('base64'),
      },
    ],
    users: [{ name: entryName, token, ...(impersonateUser ? { impersonateUser } : {}) }],
    contexts: [{ name: 'ctx', cluster: 'sandbox', user: entryName }],
    currentContext: 'ctx',
  });
  return config;
}

beforeAll(async () => {
  sandbox = await startSandboxFixture({ controllers: false });
  aliceToken = addSandboxUser(sandbox.dataDir, 'alice', ['release-managers']).token;
  // The sandbox re-reads its token file at most twice a second.
  await waitFor(
    async () => (await whoAmI(kubeConfig(sandbox.cluster.url, 'foo', aliceToken))) === 'alice',
    { what: "alice's token to be accepted" },
  );
});

afterAll(async () => {
  await sandbox?.dispose();
});

describe('whoAmI', () => {
  it("names the token's user, not the kubeconfig's user entry", async () => {
    expect(await whoAmI(kubeConfig(sandbox.cluster.url, 'foo', aliceToken))).toBe('alice');
    expect(await whoAmI(kubeConfig(sandbox.cluster.url, 'alice', sandbox.cluster.adminToken))).toBe(
      'sandbox-admin',
    );
  });

  it('names the impersonated user when the kubeconfig impersonates', async () => {
    const config = kubeConfig(sandbox.cluster.url, 'foo', sandbox.cluster.adminToken, 'bob');
    expect(await whoAmI(config)).toBe('bob');
  });

  it("falls back to the kubeconfig's user entry when no server answers", async () => {
    const closed = `https://127.0.0.1:${await freePort()}`;
    expect(await whoAmI(kubeConfig(closed, 'foo', aliceToken))).toBe('foo');
  });
});
