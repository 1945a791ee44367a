import { z } from 'zod';

/**
 * What the signed-in person may do in a project, asked of the cluster once per page
 * (SelfSubjectAccessReview per action) so the page hides what would be refused. The API enforces
 * the same through the cluster regardless of what the page shows.
 */
export const projectActions = [
  'viewProject',
  'createReleaseJob',
  'updateReleaseJob',
  'deleteReleaseJob',
  'manageMembers',
  'changeGovernance',
] as const;
export type ProjectAction = (typeof projectActions)[number];

/** The Kubernetes request each action stands for. */
export const actionAttributes: Record<
  ProjectAction,
  { group: string; resource: string; verb: string }
> = {
  viewProject: { group: '', resource: 'pods', verb: 'list' },
  createReleaseJob: { group: 'aviary.dev', resource: 'releasejobs', verb: 'create' },
  updateReleaseJob: { group: 'aviary.dev', resource: 'releasejobs', verb: 'update' },
  deleteReleaseJob: { group: 'aviary.dev', resource: 'releasejobs', verb: 'delete' },
  manageMembers: { group: 'rbac.authorization.k8s.io', resource: 'rolebindings', verb: 'create' },
  changeGovernance: { group: 'apps', resource: 'deployments', verb: 'patch' },
};

export const projectAccessSchema = z.object({
  project: z.string(),
  allowed: z.record(z.enum(projectActions), z.boolean()),
});
export type ProjectAccess = z.infer<typeof projectAccessSchema>;
