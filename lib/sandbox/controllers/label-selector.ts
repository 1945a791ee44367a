/** Label selector matching, as `metav1.LabelSelectorAsSelector` and `labels.SelectorFromSet` do. */
import type { LabelSelector } from './workload-types';

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
