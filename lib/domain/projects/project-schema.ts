import { z } from 'zod';
import { projectNameSchema } from './project-name';

/** Annotation holding a project's description, as KubeSphere keeps it on the namespace. */
export const descriptionAnnotation = 'aviary.dev/description';
/** Label marking a namespace as an Aviary project (set when the console creates one). */
export const projectLabel = 'aviary.dev/project';

export const governanceStates = ['on', 'off', 'partial', 'none'] as const;
export const governanceStateSchema = z.enum(governanceStates);
export type GovernanceState = z.infer<typeof governanceStateSchema>;

export const projectSummarySchema = z.object({
  name: projectNameSchema,
  description: z.string(),
  createdAt: z.string().optional(),
  /** The signed-in user's role in the project; absent for a platform admin who is not a member. */
  role: z.enum(['viewer', 'operator', 'admin']).optional(),
  members: z.number().int().nonnegative(),
  releaseJobs: z.number().int().nonnegative(),
  applications: z.number().int().nonnegative(),
  /** `on` when every application of the project is governed, `none` when it has none. */
  governance: governanceStateSchema,
  phase: z.enum(['Active', 'Terminating']),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const projectListSchema = z.object({ items: z.array(projectSummarySchema) });

export const createProjectSchema = z.strictObject({
  name: projectNameSchema,
  description: z.string().max(256, 'must be at most 256 characters').default(''),
});
export type CreateProjectRequest = z.infer<typeof createProjectSchema>;
