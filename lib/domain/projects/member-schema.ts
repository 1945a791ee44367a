import { z } from 'zod';
import { usernameSchema } from '../accounts/account-schema';

/**
 * Project roles, weakest first. Each is a RoleBinding in the project's namespace to one of
 * Aviary's ClusterRoles (deploy/rbac.yaml), so the cluster's RBAC is what enforces it.
 */
export const projectRoles = ['viewer', 'operator', 'admin'] as const;
export const projectRoleSchema = z.enum(projectRoles);
export type ProjectRole = z.infer<typeof projectRoleSchema>;

export const clusterRoleOfProjectRole: Record<ProjectRole, string> = {
  viewer: 'aviary-project-viewer',
  operator: 'aviary-project-operator',
  admin: 'aviary-project-admin',
};

export function projectRoleOfClusterRole(name: string): ProjectRole | undefined {
  return projectRoles.find((role) => clusterRoleOfProjectRole[role] === name);
}

/** The RoleBinding that makes `username` a member; one per member, so a role change is one update. */
export function memberBindingName(username: string): string {
  return `aviary-member-${username}`;
}

export const memberSchema = z.object({
  username: z.string(),
  role: projectRoleSchema,
  /** The subject kind bound: Aviary's accounts are Users; a Group binding is shown read-only. */
  kind: z.enum(['User', 'Group', 'ServiceAccount']),
  /** False for bindings the console did not make (kubectl, another tool): shown, not edited. */
  managed: z.boolean(),
  since: z.string().optional(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ items: z.array(memberSchema) });

export const inviteMemberSchema = z.strictObject({
  username: usernameSchema,
  role: projectRoleSchema,
});
export type InviteMemberRequest = z.infer<typeof inviteMemberSchema>;

export const changeMemberRoleSchema = z.strictObject({ role: projectRoleSchema });
