import type { IncomingMessage } from 'node:http';
import type { RequestUser } from '../apiserver/core/request-context';
import type { Authenticator } from '../apiserver/http/plugins';
import { authorizeImpersonation, planImpersonation } from '../auth/impersonation';
import type { RbacAuthorizer } from '../auth/rbac-authorizer';

/** Who a bearer token belongs to; undefined for an unknown token. */
export interface TokenLookup {
  userForToken(token: string): RequestUser | undefined;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Authentication as kube-apiserver chains it: the bearer token says who sends the request; then,
 * when the request carries `Impersonate-*` headers, every requested identity is authorized with
 * the `impersonate` verb for that sender (403 for the first refused) and the request continues as
 * the impersonated user, whose own rights alone decide the rest.
 *
 * Headers are read from `req.headersDistinct`, not `req.headers`: Node joins repeated headers with
 * ", " in the latter, which would turn two `Impersonate-Group` headers into one group.
 */
export function createImpersonatingAuthenticator(
  tokens: TokenLookup,
  authorizer: () => RbacAuthorizer,
): Authenticator {
  return {
    authenticate(req) {
      const token = bearerToken(req);
      const user = token ? tokens.userForToken(token) : undefined;
      if (!user) return undefined;
      // Most requests impersonate nobody: skip building `headersDistinct` (a fresh object per access).
      if (!hasImpersonationHeader(req.rawHeaders)) return user;
      const plan = planImpersonation(req.headersDistinct);
      if (!plan) return user;
      const refused = authorizeImpersonation(authorizer(), user, plan);
      if (refused) throw refused;
      return plan.user;
    },
  };
}

/** Whether any header name (the even entries of `rawHeaders`) starts with `Impersonate-`, in any case. */
function hasImpersonationHeader(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length > 12 && name.slice(0, 12).toLowerCase() === 'impersonate-') return true;
  }
  return false;
}
