/**
 * What the clusterrole-aggregation controller makes of ClusterRoles with an `aggregationRule`: their
 * rules are REPLACED by the union of the rules of every other ClusterRole their selectors pick, in
 * selector order, roles by name within a selector, each distinct rule once.
 */
import { compileLabelSelector, type LabelPredicate } from './label-selector';
import type { ClusterRole, PolicyRule } from './rbac-types';

/**
 * Returns the ClusterRoles with every aggregated role's rules computed, as the controller leaves
 * them once it has settled. Aggregated roles may select each other (`admin` selects `edit`, which
 * selects `view`), so the union is repeated until nothing changes, which is where the controller's
 * repeated syncs end up too. A role whose selectors Kubernetes refuses keeps its rules, as the
 * controller then fails to sync it. Roles whose rules did not change are returned as the same
 * objects; changed ones are new objects, so `result[i] !== clusterRoles[i]` says what to write.
 */
export function aggregateClusterRoles(clusterRoles: readonly ClusterRole[]): ClusterRole[] {
  const aggregated = clusterRoles.flatMap((role, position) => {
    const selectors = role.aggregationRule?.clusterRoleSelectors;
    if (!selectors) return [];
    const predicates: LabelPredicate[] = [];
    for (const selector of selectors) {
      const compiled = compileLabelSelector(selector);
      if (typeof compiled !== 'function') return [];
      predicates.push(compiled);
    }
    return [{ position, name: role.metadata.name ?? '', predicates }];
  });

  const current = [...clusterRoles];
  const positionsByName = clusterRoles
    .map((_, position) => position)
    .sort((a, b) => compareNames(clusterRoles[a]!.metadata.name, clusterRoles[b]!.metadata.name));
  // A chain of aggregated roles settles in at most one pass per aggregated role; the bound also
  // ends a selection cycle, which the controller would keep re-syncing.
  for (let pass = 0; pass <= aggregated.length; pass++) {
    let changed = false;
    for (const { position, name, predicates } of aggregated) {
      const rules: PolicyRule[] = [];
      for (const predicate of predicates) {
        for (const candidatePosition of positionsByName) {
          const candidate = current[candidatePosition]!;
          if ((candidate.metadata.name ?? '') === name || !predicate(candidate.metadata.labels))
            continue;
          for (const rule of candidate.rules ?? []) {
            if (!rules.some((existing) => rulesEqual(existing, rule))) rules.push(rule);
          }
        }
      }
      const role = current[position]!;
      if (!ruleListsEqual(role.rules ?? [], rules)) {
        current[position] = { ...role, rules };
        changed = true;
      }
    }
    if (!changed) break;
  }
  return current;
}

function compareNames(a = '', b = ''): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ruleFields = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;

/** Kubernetes' semantic equality: same lists in the same order, a missing list equal to an empty one. */
export function rulesEqual(a: PolicyRule, b: PolicyRule): boolean {
  return ruleFields.every((field) => {
    const left = a[field] ?? [];
    const right = b[field] ?? [];
    return left.length === right.length && left.every((value, i) => value === right[i]);
  });
}

function ruleListsEqual(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((rule, i) => rulesEqual(rule, b[i]!));
}
