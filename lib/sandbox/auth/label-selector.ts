/**
 * `metav1.LabelSelector` matching, as `LabelSelectorAsSelector` builds it: every matchLabels pair
 * and every matchExpressions requirement must hold; an empty selector matches everything.
 */
import { matchesLabels } from '../apiserver/selectors/label-selector';
import { labelSelectorFromObject } from '../apiserver/selectors/label-selector-object';
import type { LabelSelector } from './rbac-types';

export type LabelPredicate = (labels: Record<string, string> | undefined) => boolean;

/**
 * Compiles a selector into a predicate, or returns an error message for a selector Kubernetes
 * refuses (an unknown operator, In/NotIn without values, Exists/DoesNotExist with values).
 */
export function compileLabelSelector(selector: LabelSelector): LabelPredicate | { error: string } {
  try {
    const compiled = labelSelectorFromObject(selector);
    return (labels) => matchesLabels(compiled, labels ?? {});
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
