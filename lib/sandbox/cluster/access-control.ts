import type { ClusterClient } from '../apiserver/cluster-client';
import type { ClusterHooks } from '../apiserver/core/cluster-hooks';
import type { AccessReviewer, Authenticator, Authorizer } from '../apiserver/http/plugins';
import { createImpersonatingAuthenticator, type TokenLookup } from './impersonation-authenticator';
import { createRbacAccessReviewer } from './rbac-access-reviewer';
import { startAggregationController } from './rbac-aggregation-controller';
import { installBootstrapPolicy } from './rbac-bootstrap';
import { rbacEscalationCheck } from './rbac-escalation-admission';
import { startRbacPolicyCache } from './rbac-policy-cache';
import { createRbacRequestAuthorizer } from './rbac-request-authorizer';

export interface AccessControl {
  authenticator: Authenticator;
  authorizer: Authorizer;
  reviewer: AccessReviewer;
  stop(): void;
}

/**
 * Who may do what, as on kube-apiserver: bearer tokens then impersonation for authentication,
 * RBAC for every request, RBAC's escalation rule on writes of roles and bindings, and the access
 * reviews. Before the API server serves anything, the bootstrap policy is installed (when missing)
 * and aggregated, so the first request already meets `admin`, `edit` and `view` with their rules.
 * All four parts read one policy cache, so a review, an impersonation check and the request
 * itself are always decided from the same RBAC objects.
 */
export function createAccessControl(
  client: ClusterClient,
  tokens: TokenLookup,
  hooks: ClusterHooks,
): AccessControl {
  installBootstrapPolicy(client);
  const aggregation = startAggregationController(client, (error) => {
    // A failed sync must not stop the API server; the next ClusterRole change retries it.
    console.error('sandbox: ClusterRole aggregation failed:', error);
  });
  const policy = startRbacPolicyCache(client);
  const authorizer = () => policy.authorizer();
  hooks.addAdmissionCheck(rbacEscalationCheck(authorizer));
  return {
    authenticator: createImpersonatingAuthenticator(tokens, authorizer),
    authorizer: createRbacRequestAuthorizer(authorizer),
    reviewer: createRbacAccessReviewer(authorizer),
    stop() {
      aggregation.stop();
      policy.stop();
    },
  };
}
