import 'server-only';
import { AuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { actionAttributes, projectActions, type ProjectAccess } from '@/lib/domain/projects';
import { ApiError } from '../api/api-error';

/**
 * What the person may do in a project, as the cluster answers: one SelfSubjectAccessReview per
 * action, made as the person, all at once. Pages hide what would be refused; the API still asks
 * the cluster on every write. Someone who may not view the project at all gets 403.
 */
export async function projectAccess(
  userKube: KubeConfig,
  namespace: string,
): Promise<ProjectAccess> {
  const api = userKube.makeApiClient(AuthorizationV1Api);
  const answers = await Promise.all(
    projectActions.map(async (action) => {
      const { group, resource, verb } = actionAttributes[action];
      const review = await api.createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { namespace, group, resource, verb } },
        },
      });
      return [action, review.status?.allowed === true] as const;
    }),
  );
  const allowed = Object.fromEntries(answers) as ProjectAccess['allowed'];
  // Someone who may not even look at the project is no member of it: 403, as its overview answers.
  if (!allowed.viewProject) {
    throw new ApiError('Forbidden', `you have no role in project "${namespace}"`);
  }
  return { project: namespace, allowed };
}
