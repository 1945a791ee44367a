/**
 * The 403 kube-apiserver answers when authorization refuses a request (`responsewriters.Forbidden`
 * over `apierrors.NewForbidden`), word for word, because kubectl and the console show it as is.
 */
import { ApiError, qualifiedResource } from '@/lib/sandbox/apiserver/errors';
import { goQuote } from './go-format';
import type { RequestAttributes } from './request-attributes';
import type { UserInfo } from './user-info';

/**
 * `User "x" cannot list resource "pods" in API group "" in the namespace "y"`, `... at the cluster
 * scope`, `cannot get resource "deployments/scale" ...`, or `User "x" cannot get path "/foo"`.
 */
export function forbiddenMessage(user: UserInfo, attributes: RequestAttributes): string {
  const who = `User ${goQuote(user.name)}`;
  if (!attributes.resourceRequest) {
    return `${who} cannot ${attributes.verb} path ${goQuote(attributes.path)}`;
  }
  const resource = attributes.subresource
    ? `${attributes.resource}/${attributes.subresource}`
    : attributes.resource;
  const what = `${who} cannot ${attributes.verb} resource ${goQuote(resource)} in API group ${goQuote(attributes.apiGroup)}`;
  return attributes.namespace
    ? `${what} in the namespace ${goQuote(attributes.namespace)}`
    : `${what} at the cluster scope`;
}

/**
 * The full Forbidden error: `pods is forbidden: User ...`, `deployments.apps "web" is forbidden:
 * ...`, or `forbidden: User ... cannot get path ...` for non-resource requests; the authorizer's
 * reason, when there is one, follows after ": ".
 */
export function forbiddenError(
  user: UserInfo,
  attributes: RequestAttributes,
  reason = '',
): ApiError {
  const message = reason
    ? `${forbiddenMessage(user, attributes)}: ${reason}`
    : forbiddenMessage(user, attributes);
  if (!attributes.resourceRequest)
    return new ApiError(403, 'Forbidden', `forbidden: ${message}`, {});
  const { apiGroup: group, resource, name } = attributes;
  const subject = qualifiedResource(group, resource) + (name ? ` ${goQuote(name)}` : '');
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${message}`, {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind: resource,
  });
}
