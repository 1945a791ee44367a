import 'server-only';
import { AuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { actionAttributes, projectActions, type ProjectAccess } from '@/lib/domain/projects';

/**
 * What the person may do in a project, as the cluster answers: one SelfSubjectAccessReview per
 * action, made as the person, all at once. Pages hide what would be refused; the API still asks
 * the cluster on every write.
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
  return { project: namespace, allowed: Object.fromEntries(answers) as ProjectAccess['allowed'] };
}
