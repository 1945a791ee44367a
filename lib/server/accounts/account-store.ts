import 'server-only';
import {
  CoreV1Api,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
  type KubeConfig,
  type V1Secret,
} from '@kubernetes/client-node';
import {
  platformAdminGroup,
  type AccountSummary,
  type PlatformRole,
} from '@/lib/domain/accounts/account-schema';
import { apiRefusal } from '../kube/api-error';
import { hashPassword } from './password-hash';

/**
 * Aviary's built-in accounts, kept in the cluster so that they survive restarts and every console
 * replica sees the same ones: one Secret per account in the system namespace (`aviary-system`),
 * type `aviary.dev/account`, holding the scrypt hash of the password. Secrets because RBAC already
 * keeps them from everyone but the console's service account and cluster admins; no CRD to install.
 */

export const accountSecretType = 'aviary.dev/account';
const accountLabel = 'aviary.dev/account';
const roleLabel = 'aviary.dev/platform-role';
const validAfterAnnotation = 'aviary.dev/sessions-valid-after';
const passwordChangedAnnotation = 'aviary.dev/password-changed-at';

export interface Account extends AccountSummary {
  passwordHash: string;
  /** Sessions issued before this instant (ms) are no longer valid: password change, sign-out everywhere. */
  sessionsValidAfter: number;
  resourceVersion: string;
}

export class AccountExistsError extends Error {
  constructor(readonly username: string) {
    super(`account "${username}" already exists`);
  }
}
export class AccountNotFoundError extends Error {
  constructor(readonly username: string) {
    super(`account "${username}" not found`);
  }
}

export function accountSecretName(username: string): string {
  return `aviary-account-${username}`;
}

function toAccount(secret: V1Secret): Account | undefined {
  const username = secret.metadata?.labels?.[accountLabel];
  const encoded = secret.data?.passwordHash;
  if (secret.type !== accountSecretType || !username || !encoded) return undefined;
  const annotations = secret.metadata?.annotations ?? {};
  const role = secret.metadata?.labels?.[roleLabel] === 'admin' ? 'admin' : 'user';
  const createdAt = secret.metadata?.creationTimestamp;
  return {
    username,
    platformRole: role,
    createdAt: createdAt ? new Date(createdAt).toISOString() : '',
    ...(annotations[passwordChangedAnnotation]
      ? { passwordChangedAt: annotations[passwordChangedAnnotation] }
      : {}),
    passwordHash: Buffer.from(encoded, 'base64').toString('utf8'),
    sessionsValidAfter: Date.parse(annotations[validAfterAnnotation] ?? '') || 0,
    resourceVersion: secret.metadata?.resourceVersion ?? '',
  };
}

export function summaryOf(account: Account): AccountSummary {
  const { username, platformRole, createdAt, passwordChangedAt } = account;
  return { username, platformRole, createdAt, ...(passwordChangedAt ? { passwordChangedAt } : {}) };
}

const isStatus = (error: unknown, code: number) => apiRefusal(error)?.code === code;

export class AccountStore {
  private readonly core: CoreV1Api;

  constructor(
    readonly kubeConfig: KubeConfig,
    readonly namespace: string,
  ) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  async get(username: string): Promise<Account | undefined> {
    try {
      const secret = await this.core.readNamespacedSecret({
        name: accountSecretName(username),
        namespace: this.namespace,
      });
      return toAccount(secret);
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async list(): Promise<Account[]> {
    const list = await this.core.listNamespacedSecret({
      namespace: this.namespace,
      labelSelector: accountLabel,
    });
    return list.items
      .map(toAccount)
      .filter((a): a is Account => a !== undefined)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  async create(username: string, platformRole: PlatformRole, password: string): Promise<Account> {
    const now = new Date().toISOString();
    const body: V1Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: accountSecretType,
      metadata: {
        name: accountSecretName(username),
        namespace: this.namespace,
        labels: {
          'app.kubernetes.io/managed-by': 'aviary',
          [accountLabel]: username,
          [roleLabel]: platformRole,
        },
        annotations: { [passwordChangedAnnotation]: now },
      },
      data: { passwordHash: Buffer.from(await hashPassword(password)).toString('base64') },
    };
    try {
      const created = await this.core.createNamespacedSecret({ namespace: this.namespace, body });
      return toAccount(created)!;
    } catch (error) {
      if (isStatus(error, 409)) throw new AccountExistsError(username);
      throw error;
    }
  }

  /** Sets a new password and ends every session the account had. */
  async setPassword(username: string, password: string): Promise<Account> {
    const hash = Buffer.from(await hashPassword(password)).toString('base64');
    const now = new Date().toISOString();
    return this.patch(username, {
      metadata: { annotations: { [passwordChangedAnnotation]: now, [validAfterAnnotation]: now } },
      data: { passwordHash: hash },
    });
  }

  async setPlatformRole(username: string, platformRole: PlatformRole): Promise<Account> {
    return this.patch(username, { metadata: { labels: { [roleLabel]: platformRole } } });
  }

  async delete(username: string): Promise<void> {
    try {
      await this.core.deleteNamespacedSecret({
        name: accountSecretName(username),
        namespace: this.namespace,
      });
    } catch (error) {
      if (isStatus(error, 404)) throw new AccountNotFoundError(username);
      throw error;
    }
  }

  private async patch(username: string, body: object): Promise<Account> {
    try {
      const patched = await this.core.patchNamespacedSecret(
        { name: accountSecretName(username), namespace: this.namespace, body },
        mergePatch,
      );
      const account = toAccount(patched);
      if (!account) throw new AccountNotFoundError(username);
      return account;
    } catch (error) {
      if (isStatus(error, 404)) throw new AccountNotFoundError(username);
      throw error;
    }
  }
}

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/**
 * What accounts need in a cluster that has none yet (the demo, `aviary user add` against a fresh
 * cluster): the system namespace, and platform admins bound to cluster-admin. deploy/rbac.yaml
 * makes the same objects for a real install.
 */
export async function ensureAccountStore(kubeConfig: KubeConfig, namespace: string): Promise<void> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  await core
    .createNamespace({ body: { metadata: { name: namespace } } })
    .catch((error: unknown) => {
      if (!isStatus(error, 409)) throw error;
    });
  await rbac
    .createClusterRoleBinding({
      body: {
        metadata: {
          name: 'aviary-platform-admins',
          labels: { 'app.kubernetes.io/managed-by': 'aviary' },
        },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'cluster-admin',
        },
        subjects: [
          { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: platformAdminGroup },
        ],
      },
    })
    .catch((error: unknown) => {
      if (!isStatus(error, 409)) throw error;
    });
}
