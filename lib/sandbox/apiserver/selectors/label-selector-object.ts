import { badRequest } from '../errors';
import type { StatusCause } from '../types';
import {
  childPath,
  fieldForbidden,
  fieldInvalid,
  fieldRequired,
  indexPath,
} from '../validation/field-errors';
import { isQualifiedName, isValidLabelValue } from '../validation/name-rules';
import { validateLabels } from '../validation/object-meta';
import { aggregateText, newRequirement } from './label-requirement';
import {
  everything,
  nothing,
  type LabelOperator,
  type LabelRequirement,
  type LabelSelector,
} from './label-selector';

/** metav1.LabelSelector as Deployments, ReplicaSets, PDBs and NetworkPolicies carry it. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const operators: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector: a missing selector matches nothing, an empty one everything.
 * Throws ApiError 400 for an operator or value Kubernetes would refuse (callers validating an
 * object should run validateLabelSelectorObject first to get field causes instead).
 */
export function labelSelectorFromObject(
  selector: LabelSelectorObject | null | undefined,
): LabelSelector {
  if (!selector) return nothing;
  const matchLabels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + expressions.length === 0) return everything;
  const requirements: LabelRequirement[] = [];
  const add = (key: string, operator: LabelOperator, values: string[]) => {
    const { requirement, causes } = newRequirement(key, operator, values);
    if (causes.length) throw badRequest(aggregateText(causes));
    requirements.push(requirement);
  };
  for (const [key, value] of Object.entries(matchLabels)) add(key, '=', [value]);
  for (const expression of expressions) {
    const operator = operators[expression.operator];
    if (!operator)
      throw badRequest(`"${expression.operator}" is not a valid label selector operator`);
    add(expression.key, operator, [...(expression.values ?? [])]);
  }
  return { requirements };
}

/** labels.SelectorFromSet: every pair must match exactly (a Service's `spec.selector`). */
export function selectorFromSet(set: Record<string, string> | undefined): LabelSelector {
  return {
    requirements: Object.entries(set ?? {}).map(([key, value]) => ({
      key,
      operator: '=',
      values: [value],
    })),
  };
}

/** metav1validation.ValidateLabelSelector: field causes for a selector object at `path`. */
export function validateLabelSelectorObject(selector: unknown, path: string): StatusCause[] {
  if (selector === undefined || selector === null) return [];
  if (typeof selector !== 'object' || Array.isArray(selector)) {
    return [fieldInvalid(path, selector, 'must be a label selector object')];
  }
  const { matchLabels, matchExpressions } = selector as Record<string, unknown>;
  const causes = validateLabels(matchLabels, childPath(path, 'matchLabels'));
  if (matchExpressions === undefined || matchExpressions === null) return causes;
  if (!Array.isArray(matchExpressions)) {
    return [
      ...causes,
      fieldInvalid(childPath(path, 'matchExpressions'), matchExpressions, 'must be a list'),
    ];
  }
  matchExpressions.forEach((expression: Record<string, unknown>, i) => {
    const exprPath = indexPath(childPath(path, 'matchExpressions'), i);
    const values = Array.isArray(expression?.values) ? (expression.values as string[]) : [];
    const operator = expression?.operator;
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) {
        causes.push(
          fieldRequired(
            childPath(exprPath, 'values'),
            "must be specified when `operator` is 'In' or 'NotIn'",
          ),
        );
      }
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) {
        causes.push(
          fieldForbidden(
            childPath(exprPath, 'values'),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      }
    } else {
      causes.push(
        fieldInvalid(
          childPath(exprPath, 'operator'),
          operator ?? '',
          'not a valid selector operator',
        ),
      );
    }
    const key = typeof expression?.key === 'string' ? expression.key : '';
    causes.push(
      ...isQualifiedName(key).map((msg) => fieldInvalid(childPath(exprPath, 'key'), key, msg)),
    );
    values.forEach((value, j) => {
      const valuePath = indexPath(childPath(exprPath, 'values'), j);
      causes.push(
        ...isValidLabelValue(String(value)).map((msg) => fieldInvalid(valuePath, value, msg)),
      );
    });
  });
  return causes;
}
