import { badRequest } from '../apiserver/errors';
import type { AccessReviewer } from '../apiserver/http/plugins';
import type { KubeObject } from '../apiserver/types';
import {
  localSubjectAccessReview,
  selfSubjectAccessReview,
  selfSubjectRulesReview,
  subjectAccessReview,
} from '../auth/access-review';
import type { RbacAuthorizer } from '../auth/rbac-authorizer';
import { selfSubjectReview } from '../auth/self-subject-review';

/**
 * Answers the authorization.k8s.io reviews from the same RBAC snapshot that authorizes requests, so
 * `kubectl auth can-i` and the console's "may I?" checks agree with what the API then enforces.
 * Who may post which review was already decided by the request's own authorization (any signed-in
 * user may ask about themselves; asking about others takes `create` on subjectaccessreviews).
 * SelfSubjectReview (authentication.k8s.io) consults no rules: its answer is the request's user.
 */
export function createRbacAccessReviewer(authorizer: () => RbacAuthorizer): AccessReviewer {
  return {
    review(kind, body, user, namespace) {
      switch (kind) {
        case 'SelfSubjectAccessReview':
          return selfSubjectAccessReview(authorizer(), user, body) as unknown as KubeObject;
        case 'SubjectAccessReview':
          return subjectAccessReview(authorizer(), body) as unknown as KubeObject;
        case 'LocalSubjectAccessReview':
          return localSubjectAccessReview(authorizer(), namespace, body) as unknown as KubeObject;
        case 'SelfSubjectRulesReview':
          return selfSubjectRulesReview(authorizer(), user, body) as unknown as KubeObject;
        case 'SelfSubjectReview':
          return selfSubjectReview(user, body) as unknown as KubeObject;
        default:
          throw badRequest(`${kind} is not a review`);
      }
    },
  };
}
