import { ApiError } from '../apiserver/errors';
import type { Authorizer } from '../apiserver/http/plugins';
import { forbiddenError } from '../auth/forbidden';
import type { RbacAuthorizer } from '../auth/rbac-authorizer';
import { attributesFromRequest } from '../auth/request-attributes';

/**
 * The Authorizer of the HTTP pipeline: every request, resource or not, is turned into Kubernetes'
 * request attributes and decided by RBAC (with system:masters allowed first, as kube-apiserver
 * does); a refusal is the 403 Status kube-apiserver sends, word for word. Discovery, `/version` and
 * `/openapi/*` pass through the bootstrap `system:discovery` binding like any other rule.
 */
export function createRbacRequestAuthorizer(authorizer: () => RbacAuthorizer): Authorizer {
  return {
    check(user, method, pathname, query) {
      let attributes;
      try {
        attributes = attributesFromRequest(method, pathname, query);
      } catch (error) {
        if (error instanceof ApiError) return error;
        throw error;
      }
      const decision = authorizer().authorize(user, attributes);
      return decision.allowed ? undefined : forbiddenError(user, attributes, decision.reason);
    },
  };
}
