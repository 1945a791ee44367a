/** Label selector matching, as `metav1.LabelSelectorAsSelector` and `labels.SelectorFromSet` do. */
import type { LabelSelector } from './workload-types';

/**
 * Whether `labels` satisfy `selector`. An empty selector matches everything; an absent one
 * matches nothing (a controller must never adopt the whole namespace by accident).
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(have, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!present || !values.includes(have[requirement.key] ?? '')) return false;
        break;
      case 'NotIn':
        if (present && values.includes(have[requirement.key] ?? '')) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether a selector has no terms at all, i.e. selects every object. */
export function selectorIsEmpty(selector: LabelSelector | undefined): boolean {
  return (
    selector !== undefined &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

/** Whether `labels` contain every pair of a Service-style `key: value` selector map. */
export function setSelectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string> | undefined,
): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}
