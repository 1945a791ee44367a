// Whether one RBAC PolicyRule allows one request, as `rbac.RuleAllows` and the `rbacv1helpers`
// matchers decide it. The forms Kubernetes honours, and only those:
// - verbs, apiGroups: exact, or `*`;
// - resources: exact `resource` or `resource/subresource`, `*` (everything, subresources included),
//   and `*/subresource` (that subresource of any resource). `resource/*` is NOT a wildcard in
//   Kubernetes: it only matches a request for the literal subresource "*";
// - resourceNames: empty allows any name; otherwise the request must name one of them, so a request
//   without a name (create, list and watch without a `metadata.name` field selector,
//   deletecollection) never matches a rule that lists names;
// - nonResourceURLs: exact, `*`, or a prefix ending in `*` (`/apis/*` matches `/apis/apps/v1`).

import type { PolicyRule } from './rbac-types';
import type { RequestAttributes } from './request-attributes';

export const matchAll = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((ruleVerb) => ruleVerb === matchAll || ruleVerb === verb);
}

export function apiGroupMatches(rule: PolicyRule, apiGroup: string): boolean {
  return (rule.apiGroups ?? []).some(
    (ruleGroup) => ruleGroup === matchAll || ruleGroup === apiGroup,
  );
}

/** `combinedResource` is `resource` or `resource/subresource`. */
export function resourceMatches(
  rule: PolicyRule,
  combinedResource: string,
  subresource: string,
): boolean {
  return (rule.resources ?? []).some(
    (ruleResource) =>
      ruleResource === matchAll ||
      ruleResource === combinedResource ||
      (subresource !== '' && ruleResource === `*/${subresource}`),
  );
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

export function nonResourceUrlMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((ruleUrl) => nonResourceUrlCovers(ruleUrl, path));
}

/** `/apis/*` covers `/apis` + anything; `*` covers everything; otherwise only the same path. */
export function nonResourceUrlCovers(ruleUrl: string, path: string): boolean {
  if (ruleUrl === matchAll || ruleUrl === path) return true;
  return ruleUrl.endsWith('*') && path.startsWith(ruleUrl.replace(/\*+$/, ''));
}

/** Whether `rule` allows the request described by `attributes`. */
export function ruleAllows(rule: PolicyRule, attributes: RequestAttributes): boolean {
  if (!attributes.resourceRequest) {
    return verbMatches(rule, attributes.verb) && nonResourceUrlMatches(rule, attributes.path);
  }
  const combinedResource = attributes.subresource
    ? `${attributes.resource}/${attributes.subresource}`
    : attributes.resource;
  return (
    verbMatches(rule, attributes.verb) &&
    apiGroupMatches(rule, attributes.apiGroup) &&
    resourceMatches(rule, combinedResource, attributes.subresource) &&
    resourceNameMatches(rule, attributes.name)
  );
}
