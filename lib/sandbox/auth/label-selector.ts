/**
 * `metav1.LabelSelector` matching, as `LabelSelectorAsSelector` builds it: every matchLabels pair
 * and every matchExpressions requirement must hold; an empty selector matches everything.
 */
import type { LabelSelector } from './rbac-types';

export type LabelPredicate = (labels: Record<string, string> | undefined) => boolean;

/**
 * Compiles a selector into a predicate, or returns an error message for a selector Kubernetes
 * refuses (an unknown operator, In/NotIn without values, Exists/DoesNotExist with values).
 */
export function compileLabelSelector(selector: LabelSelector): LabelPredicate | { error: string } {
  const checks: LabelPredicate[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    checks.push((labels) => labels?.[key] === value);
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    switch (operator) {
      case 'In':
      case 'NotIn': {
        if (values.length === 0) return { error: `for '${operator}' operator, values set can't be empty` };
        const set = new Set(values);
        const isIn: LabelPredicate = (labels) => labels?.[key] !== undefined && set.has(labels[key]!);
        checks.push(operator === 'In' ? isIn : (labels) => !isIn(labels));
        break;
      }
      case 'Exists':
      case 'DoesNotExist': {
        if (values.length > 0) return { error: `values set must be empty for exists and does not exist` };
        const exists: LabelPredicate = (labels) => labels !== undefined && Object.hasOwn(labels, key);
        checks.push(operator === 'Exists' ? exists : (labels) => !exists(labels));
        break;
      }
      default:
        return { error: `"${operator}" is not a valid label selector operator` };
    }
  }
  return (labels) => checks.every((check) => check(labels));
}
