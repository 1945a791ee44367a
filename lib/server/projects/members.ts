import 'server-only';
import {
  RbacAuthorizationV1Api,
  type KubeConfig,
  type V1RoleBinding,
} from '@kubernetes/client-node';
import {
  clusterRoleOfProjectRole,
  memberBindingName,
  projectRoleOfClusterRole,
  type Member,
  type ProjectRole,
} from '@/lib/domain/projects';
import type { AccountStore } from '../accounts/account-store';
import { ApiError } from '../api/api-error';
import { apiRefusal } from '../kube/api-error';

/**
 * A project's members are the subjects of RoleBindings to Aviary's project roles. The console
 * makes one binding per member (`aviary-member-<name>`), as the person asking, so the cluster's
 * RBAC (and its escalation check: nobody grants what they do not hold) decides who may invite.
 */

const managedBy = 'app.kubernetes.io/managed-by';

export function membersOf(bindings: readonly V1RoleBinding[]): Member[] {
  const members = new Map<string, Member>();
  for (const binding of bindings) {
    if (binding.roleRef.kind !== 'ClusterRole') continue;
    const role = projectRoleOfClusterRole(binding.roleRef.name);
    if (!role) continue;
    const managed = binding.metadata?.labels?.[managedBy] === 'aviary';
    for (const subject of binding.subjects ?? []) {
      if (!['User', 'Group', 'ServiceAccount'].includes(subject.kind)) continue;
      const key = `${subject.kind}/${subject.name}`;
      const held = members.get(key);
      const rank = (r: ProjectRole) => ['viewer', 'operator', 'admin'].indexOf(r);
      if (held && rank(held.role) >= rank(role)) continue;
      const since = binding.metadata?.creationTimestamp;
      members.set(key, {
        username: subject.name,
        role,
        kind: subject.kind as Member['kind'],
        managed,
        ...(since ? { since: new Date(since).toISOString() } : {}),
      });
    }
  }
  return [...members.values()].sort((a, b) => a.username.localeCompare(b.username));
}

export async function listMembers(userKube: KubeConfig, namespace: string): Promise<Member[]> {
  const list = await userKube
    .makeApiClient(RbacAuthorizationV1Api)
    .listNamespacedRoleBinding({ namespace });
  return membersOf(list.items);
}

/**
 * The RoleBinding that makes `username` a member of the project `namespace` with `role`, as the
 * console creates it: named `aviary-member-<name>`, labelled as Aviary's, one User subject.
 */
export function memberRoleBinding(
  namespace: string,
  username: string,
  role: ProjectRole,
): V1RoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: {
      name: memberBindingName(username),
      namespace,
      labels: { [managedBy]: 'aviary', 'aviary.dev/member': username },
    },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: clusterRoleOfProjectRole[role],
    },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: username }],
  };
}

export async function inviteMember(
  userKube: KubeConfig,
  accounts: AccountStore,
  namespace: string,
  username: string,
  role: ProjectRole,
): Promise<Member> {
  const rbac = userKube.makeApiClient(RbacAuthorizationV1Api);
  const body = memberRoleBinding(namespace, username, role);
  const create = (dryRun?: 'All') =>
    rbac
      .createNamespacedRoleBinding({ namespace, body, ...(dryRun ? { dryRun } : {}) })
      .catch((error: unknown) => {
        if (apiRefusal(error)?.code === 409) {
          throw new ApiError(
            'Conflict',
            `${username} is already a member of ${namespace}: change their role instead`,
          );
        }
        throw error;
      });
  // The cluster decides first (a dry run), so someone who may not invite cannot learn from the
  // answer which accounts exist: they get its 403 whatever the name.
  await create('All');
  if (!(await accounts.get(username))) {
    throw new ApiError('Invalid', `there is no account "${username}": create it first`, [
      { path: 'username', message: `no account named "${username}"` },
    ]);
  }
  return membersOf([await create()])[0]!;
}

/**
 * A RoleBinding's roleRef cannot change, so a new role is a new binding: the old one is deleted
 * only after the new one exists (never a moment without access), then the new one takes its name.
 */
export async function changeMemberRole(
  userKube: KubeConfig,
  namespace: string,
  username: string,
  role: ProjectRole,
): Promise<Member> {
  const rbac = userKube.makeApiClient(RbacAuthorizationV1Api);
  const name = memberBindingName(username);
  const current = await rbac
    .readNamespacedRoleBinding({ name, namespace })
    .catch((error: unknown) => {
      if (apiRefusal(error)?.code === 404) {
        throw new ApiError(
          'NotFound',
          `${username} is not a member of ${namespace} (or was not invited through Aviary)`,
        );
      }
      throw error;
    });
  if (projectRoleOfClusterRole(current.roleRef.name) === role) return membersOf([current])[0]!;
  const interim = { ...memberRoleBinding(namespace, username, role) };
  interim.metadata = { ...interim.metadata, name: `${name}-${role}` };
  await rbac.createNamespacedRoleBinding({ namespace, body: interim }).catch((error: unknown) => {
    if (apiRefusal(error)?.code !== 409) throw error;
  });
  await rbac.deleteNamespacedRoleBinding({ name, namespace });
  const created = await rbac.createNamespacedRoleBinding({
    namespace,
    body: memberRoleBinding(namespace, username, role),
  });
  await rbac.deleteNamespacedRoleBinding({ name: `${name}-${role}`, namespace });
  return membersOf([created])[0]!;
}

export async function removeMember(
  userKube: KubeConfig,
  namespace: string,
  username: string,
): Promise<void> {
  try {
    await userKube
      .makeApiClient(RbacAuthorizationV1Api)
      .deleteNamespacedRoleBinding({ name: memberBindingName(username), namespace });
  } catch (error) {
    if (apiRefusal(error)?.code === 404) {
      throw new ApiError(
        'NotFound',
        `${username} is not a member of ${namespace} (or was not invited through Aviary)`,
      );
    }
    throw error;
  }
}
