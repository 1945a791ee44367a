import 'server-only';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  KubernetesObjectApi,
  RbacAuthorizationV1Api,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { memberBindingName } from '@/lib/domain/projects';
import { apiRefusal } from '../kube/api-error';
import { memberRoleBinding } from '../projects/members';
import { AccountStore, ensureAccountStore } from './account-store';
import { generatePassword } from './password-hash';

/**
 * What the demo needs of accounts: Aviary's RBAC (deploy/rbac.yaml, as a real install applies it),
 * the accounts `admin` (platform administrator) and `project-regular` (operator of the demo
 * project, as the walkthrough needs), and their passwords printed and kept in
 * `<data-dir>/credentials.json`. Idempotent: a restart keeps the accounts and their passwords.
 */

const rbacManifest = new URL('../../../deploy/rbac.yaml', import.meta.url);

/** Creates or replaces every object of deploy/rbac.yaml. */
export async function applyAviaryRbac(kubeConfig: KubeConfig): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kubeConfig);
  const objects = parseAllDocuments(readFileSync(rbacManifest, 'utf8'))
    .map((doc) => doc.toJS() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => o !== null);
  for (const object of objects) {
    try {
      await api.create(object);
    } catch (error) {
      if (apiRefusal(error)?.code !== 409) throw error;
      if (object.kind === 'Namespace' || object.kind === 'ServiceAccount') continue;
      const current = await api.read(object as never);
      await api.replace({
        ...object,
        metadata: { ...object.metadata, resourceVersion: current.metadata?.resourceVersion },
      });
    }
  }
}

const credentialsSchema = z.record(z.string(), z.string());
export type DemoCredentials = { admin: string; 'project-regular': string };

export async function seedDemoAccounts(
  kubeConfig: KubeConfig,
  options: { dataDir: string; systemNamespace?: string; project: string },
): Promise<{ credentials: DemoCredentials; path: string; created: string[] }> {
  const systemNamespace = options.systemNamespace ?? 'aviary-system';
  await applyAviaryRbac(kubeConfig);
  await ensureAccountStore(kubeConfig, systemNamespace);
  const store = new AccountStore(kubeConfig, systemNamespace);
  const path = join(options.dataDir, 'credentials.json');
  const kept = existsSync(path)
    ? (credentialsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8'))).data ?? {})
    : {};
  const created: string[] = [];
  const credentials: Record<string, string> = {};
  for (const [username, role] of [
    ['admin', 'admin'],
    ['project-regular', 'user'],
  ] as const) {
    const existing = await store.get(username);
    if (!existing) {
      credentials[username] = kept[username] ?? generatePassword();
      await store.create(username, role, credentials[username]);
      created.push(`account/${username}`);
    } else if (kept[username]) {
      credentials[username] = kept[username];
    } else {
      // The account exists but its password was never written down here: give it one that is.
      credentials[username] = generatePassword();
      await store.setPassword(username, credentials[username]);
    }
  }
  await bindOperator(kubeConfig, options.project, 'project-regular', created);
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return { credentials: credentials as DemoCredentials, path, created };
}

async function bindOperator(
  kubeConfig: KubeConfig,
  namespace: string,
  username: string,
  created: string[],
) {
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  try {
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: memberRoleBinding(namespace, username, 'operator'),
    });
    created.push(`rolebinding/${namespace}/${memberBindingName(username)}`);
  } catch (error) {
    if (apiRefusal(error)?.code !== 409) throw error;
  }
}
