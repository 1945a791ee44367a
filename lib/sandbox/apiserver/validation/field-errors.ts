import type { StatusCause } from '../types';
import { goBadValue, goQuote } from './go-format';

/**
 * The field errors of apimachinery's `util/validation/field`, rendered into StatusCauses exactly
 * as kube-apiserver does: `reason` is the cause type, `message` is `ErrorBody()` and `field` is the
 * path (`<nil>` when the error has no path, as Go prints a nil *field.Path).
 */

/** The path Go prints for a nil *field.Path; kube-apiserver puts it in `field` as is. */
export const nilFieldPath = '<nil>';

/** A value Kubernetes leaves out of the message (e.g. the size of an unknown list). */
export const omittedValue: unique symbol = Symbol('omitted-value');

function cause(reason: string, field: string, body: string, detail: string): StatusCause {
  return { reason, message: detail ? `${body}: ${detail}` : body, field: field || nilFieldPath };
}

function withValue(label: string, value: unknown): string {
  return value === omittedValue ? label : `${label}: ${goBadValue(value)}`;
}

/** `Required value[: detail]`. */
export function fieldRequired(field: string, detail = ''): StatusCause {
  return cause('FieldValueRequired', field, 'Required value', detail);
}

/** `Invalid value: <value>: detail`. */
export function fieldInvalid(field: string, value: unknown, detail: string): StatusCause {
  return cause('FieldValueInvalid', field, withValue('Invalid value', value), detail);
}

/** Same words as Invalid, but the reason says the value has the wrong type. */
export function fieldTypeInvalid(field: string, value: unknown, detail: string): StatusCause {
  return cause('FieldValueTypeInvalid', field, withValue('Invalid value', value), detail);
}

/** `Unsupported value: <value>: supported values: "a", "b"`. */
export function fieldNotSupported(
  field: string,
  value: unknown,
  supported: readonly string[],
): StatusCause {
  const detail = supported.length ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return cause('FieldValueNotSupported', field, withValue('Unsupported value', value), detail);
}

/** `Duplicate value: <value>`. */
export function fieldDuplicate(field: string, value: unknown): StatusCause {
  return cause('FieldValueDuplicate', field, withValue('Duplicate value', value), '');
}

/** `Forbidden: detail`. */
export function fieldForbidden(field: string, detail: string): StatusCause {
  return cause('FieldValueForbidden', field, 'Forbidden', detail);
}

/** `Too long: may not be more than N bytes` (the value itself is never printed). */
export function fieldTooLong(field: string, maxLength: number): StatusCause {
  const detail =
    maxLength >= 0
      ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}`
      : 'value is too long';
  return cause('FieldValueTooLong', field, 'Too long', detail);
}

/** `Too many: <actual>: must have at most N items`. */
export function fieldTooMany(field: string, actual: number, max: number): StatusCause {
  const detail =
    max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
  return cause(
    'FieldValueTooMany',
    field,
    withValue('Too many', actual >= 0 ? actual : omittedValue),
    detail,
  );
}

/**
 * Field paths as field.Path prints them: `.name` for a child, `[3]` for an index and `[key]` for a
 * map key (never quoted).
 */
export function childPath(parent: string, name: string): string {
  return parent ? `${parent}.${name}` : name;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

export function keyPath(parent: string, key: string): string {
  return `${parent}[${key}]`;
}
