import type { StatusCause } from '../types';
import {
  childPath,
  fieldInvalid,
  fieldNotSupported,
  indexPath,
  keyPath,
  nilFieldPath,
} from '../validation/field-errors';
import { goStringSlice } from '../validation/go-format';
import { isQualifiedName, isValidLabelValue } from '../validation/name-rules';
import type { LabelOperator, LabelRequirement } from './label-selector';

const validOperators = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'];

/** `field: body` as Go's field.Error.Error() prints it. */
export function causeText(cause: StatusCause): string {
  return `${cause.field ?? nilFieldPath}: ${cause.message}`;
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several in brackets. */
export function aggregateText(causes: StatusCause[]): string {
  const texts = causes.map(causeText);
  return texts.length === 1 ? (texts[0] ?? '') : `[${texts.join(', ')}]`;
}

/** validateLabelKey: all IsQualifiedName messages joined with "; " under one cause. */
export function labelKeyCause(key: string, path: string): StatusCause | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? fieldInvalid(path, key, errs.join('; ')) : undefined;
}

/**
 * labels.NewRequirement: checks the key, the number of values for the operator, and every
 * value. Returns the requirement (values sorted and unique for set operators) and the causes,
 * with the paths Go uses (`key`, `values`, `values[0][<key>]`).
 */
export function newRequirement(
  key: string,
  operator: LabelOperator,
  values: readonly string[],
  path = '',
): { requirement: LabelRequirement; causes: StatusCause[] } {
  const causes: StatusCause[] = [];
  const keyCause = labelKeyCause(key, childPath(path, 'key'));
  if (keyCause) causes.push(keyCause);
  const valuesPath = childPath(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) {
        causes.push(
          fieldInvalid(
            valuesPath,
            goStringSlice(values),
            "for 'in', 'notin' operators, values set can't be empty",
          ),
        );
      }
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) {
        causes.push(
          fieldInvalid(
            valuesPath,
            goStringSlice(values),
            'exact-match compatibility requires one single value',
          ),
        );
      }
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) {
        causes.push(
          fieldInvalid(
            valuesPath,
            goStringSlice(values),
            'values set must be empty for exists and does not exist',
          ),
        );
      }
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) {
        causes.push(
          fieldInvalid(
            valuesPath,
            goStringSlice(values),
            "for 'Gt', 'Lt' operators, exactly one value is required",
          ),
        );
      }
      values.forEach((value, i) => {
        if (!/^[+-]?\d+$/.test(value)) {
          causes.push(
            fieldInvalid(
              indexPath(valuesPath, i),
              value,
              "for 'Gt', 'Lt' operators, the value must be an integer",
            ),
          );
        }
      });
      break;
    default:
      causes.push(fieldNotSupported(childPath(path, 'operator'), operator, validOperators));
  }
  values.forEach((value, i) => {
    const errs = isValidLabelValue(value);
    if (errs.length)
      causes.push(fieldInvalid(keyPath(indexPath(valuesPath, i), key), value, errs.join('; ')));
  });
  const setLike = operator === 'in' || operator === 'notin';
  const normalized = setLike ? [...new Set(values)].sort() : [...values];
  return { requirement: { key, operator, values: normalized }, causes };
}
