/**
 * Whether one set of rules grants at least what another grants (`validation.Covers` in
 * pkg/registry/rbac/validation), and how Kubernetes prints the rules that are missing.
 */
import { goQuoteList } from './go-format';
import { matchAll, nonResourceUrlCovers } from './rule-matching';
import type { PolicyRule } from './rbac-types';

export interface CoversResult {
  covered: boolean;
  /** The uncovered parts of the requested rules, one verb / group / resource / name each. */
  missing: PolicyRule[];
}

/**
 * Whether `ownerRules` cover every permission of `requestedRules`. Each requested rule is broken
 * down into single-verb, single-group, single-resource (and single-name) rules, and each of those
 * must be covered by ONE owner rule; what is left is the missing list.
 */
export function rulesCover(
  ownerRules: readonly PolicyRule[],
  requestedRules: readonly PolicyRule[],
): CoversResult {
  const missing = requestedRules
    .flatMap(breakdownRule)
    .filter((subrule) => !ownerRules.some((owner) => ruleCovers(owner, subrule)));
  return { covered: missing.length === 0, missing };
}

/** Splits a rule into rules of at most one verb, group, resource and resource name (or one URL). */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const subrules: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? [];
        if (names.length === 0)
          subrules.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        for (const name of names) {
          subrules.push({
            apiGroups: [group],
            resources: [resource],
            verbs: [verb],
            resourceNames: [name],
          });
        }
      }
    }
  }
  // Non-resource URLs only combine with verbs.
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) subrules.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return subrules;
}

/**
 * Whether `owner` covers `subrule` (a rule from `breakdownRule`). Unlike request matching, a
 * subrule without resource names is covered only by an owner rule without resource names: holding
 * `get` on one secret does not let you grant `get` on all of them.
 */
export function ruleCovers(owner: PolicyRule, subrule: PolicyRule): boolean {
  const ownerNames = owner.resourceNames ?? [];
  const subNames = subrule.resourceNames ?? [];
  const namesMatch =
    subNames.length === 0
      ? ownerNames.length === 0
      : ownerNames.length === 0 || hasAll(ownerNames, subNames);
  return (
    (owner.verbs.includes(matchAll) || hasAll(owner.verbs, subrule.verbs)) &&
    ((owner.apiGroups ?? []).includes(matchAll) ||
      hasAll(owner.apiGroups ?? [], subrule.apiGroups ?? [])) &&
    resourcesCoverAll(owner.resources ?? [], subrule.resources ?? []) &&
    (subrule.nonResourceURLs ?? []).every((url) =>
      (owner.nonResourceURLs ?? []).some((o) => nonResourceUrlCovers(o, url)),
    ) &&
    namesMatch
  );
}

function hasAll(set: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((value) => set.includes(value));
}

// `*` covers all; otherwise each resource exactly, or a `*` + `/sub` rule covers any `resource/sub`.
function resourcesCoverAll(owned: readonly string[], wanted: readonly string[]): boolean {
  if (owned.includes(matchAll)) return true;
  return wanted.every((resource) => {
    if (owned.includes(resource)) return true;
    const slash = resource.indexOf('/');
    return slash >= 0 && owned.includes(`*${resource.slice(slash)}`);
  });
}

/**
 * `CompactRules`: merges rules that differ only by verb and name a single group and resource (and
 * at most one resource name), so a missing `get`, `list`, `watch` prints as one rule.
 */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const key = simpleResourceKey(rule);
    if (key === undefined) {
      compacted.push(rule);
      continue;
    }
    const existing = simple.get(key);
    if (!existing) {
      simple.set(key, { ...rule, verbs: [...rule.verbs] });
      continue;
    }
    for (const verb of rule.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
  }
  return [...compacted, ...simple.values()];
}

function simpleResourceKey(rule: PolicyRule): string | undefined {
  const names = rule.resourceNames ?? [];
  if (names.length > 1 || (rule.nonResourceURLs ?? []).length > 0) return undefined;
  if (rule.apiGroups?.length !== 1 || rule.resources?.length !== 1) return undefined;
  return JSON.stringify([rule.apiGroups[0], rule.resources[0], names.length > 0, names[0] ?? '']);
}

/** `{APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}`, as `CompactString` prints. */
export function compactRuleString(rule: PolicyRule): string {
  const parts: string[] = [];
  if (rule.apiGroups?.length) parts.push(`APIGroups:${goQuoteList(rule.apiGroups)}`);
  if (rule.resources?.length) parts.push(`Resources:${goQuoteList(rule.resources)}`);
  if (rule.nonResourceURLs?.length)
    parts.push(`NonResourceURLs:${goQuoteList(rule.nonResourceURLs)}`);
  if (rule.resourceNames?.length) parts.push(`ResourceNames:${goQuoteList(rule.resourceNames)}`);
  if (rule.verbs.length) parts.push(`Verbs:${goQuoteList(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}
