import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { kubeconfigYaml } from './kubeconfig';
import { adminUserName, upsertToken } from './token-store';

/** The part of the admin kubeconfig a user's kubeconfig copies: where the API server is and its CA. */
const adminKubeconfigSchema = z.object({
  clusters: z
    .array(
      z.object({
        cluster: z.object({
          server: z.string().min(1),
          'certificate-authority-data': z.string().min(1),
        }),
      }),
    )
    .min(1),
});

/**
 * User names that can also be a file name under `users/`: Kubernetes allows any string, but a
 * slash or a leading dot would put the kubeconfig somewhere else, and a colon would split its path
 * in two wherever it is listed in `KUBECONFIG`. (So `system:serviceaccount:...` names, which
 * belong to ServiceAccount tokens anyway, are not made here.)
 */
const userNamePattern = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

export interface AddedUser {
  user: string;
  groups: string[];
  token: string;
  kubeconfigPath: string;
}

/** Thrown for a request the data dir cannot satisfy (no sandbox there yet, a name that cannot be a file). */
export class UserAccountError extends Error {
  override name = 'UserAccountError';
}

export function userKubeconfigPath(dataDir: string, user: string): string {
  return join(resolve(dataDir), 'users', `${user}.kubeconfig`);
}

/**
 * Gives `user` (in `groups`) a new bearer token in the sandbox's token file and writes
 * `<data-dir>/users/NAME.kubeconfig` for it, pointing at the server and CA of the admin's
 * `<data-dir>/kubeconfig`. A running sandbox accepts the token within a second (its authenticator
 * re-reads the file); adding an existing user replaces their token and groups.
 *
 * Groups say who the user is, never what they may do: rights come from RoleBindings and
 * ClusterRoleBindings naming the user or a group. `system:masters` is refused here because it
 * bypasses RBAC entirely; the admin's kubeconfig is the way to act as one.
 */
export function addSandboxUser(
  dataDir: string,
  user: string,
  groups: readonly string[],
): AddedUser {
  if (!userNamePattern.test(user)) {
    throw new UserAccountError(
      `"${user}" cannot be a user name here: use letters, digits and . _ @ - (not first)`,
    );
  }
  if (user === adminUserName)
    throw new UserAccountError(`"${adminUserName}" is the sandbox's own admin; pick another name`);
  if (groups.includes('system:masters')) {
    throw new UserAccountError(
      'system:masters bypasses RBAC; bind cluster-admin to the user instead',
    );
  }
  const adminKubeconfig = join(resolve(dataDir), 'kubeconfig');
  if (!existsSync(adminKubeconfig)) {
    throw new UserAccountError(
      `${adminKubeconfig} does not exist: start the sandbox once with this data dir first`,
    );
  }
  const parsed = adminKubeconfigSchema.safeParse(parse(readFileSync(adminKubeconfig, 'utf8')));
  if (!parsed.success)
    throw new UserAccountError(`${adminKubeconfig} names no cluster with a server and CA`);
  const { server, 'certificate-authority-data': caData } = parsed.data.clusters[0]!.cluster;

  const entry = upsertToken(dataDir, user, [...new Set(groups)]);
  const kubeconfigPath = userKubeconfigPath(dataDir, user);
  mkdirSync(join(resolve(dataDir), 'users'), { recursive: true, mode: 0o700 });
  const caCertPem = Buffer.from(caData, 'base64').toString('utf8');
  // The kubeconfig holds the token: readable by the owner only, like the token file.
  writeFileSync(kubeconfigPath, kubeconfigYaml({ server, caCertPem, user, token: entry.token }), {
    mode: 0o600,
  });
  return { user, groups: entry.groups, token: entry.token, kubeconfigPath };
}
