import type { StatusCause } from '../types';
import { fieldTypeInvalid } from './field-errors';
import { goQuote } from './go-format';

/**
 * Type checks for the fields of built-in kinds that validateBuiltin reads. kube-apiserver decodes
 * built-ins into Go structs and answers a mistyped field with a 400 decoding error; the sandbox
 * stores JSON, so it reports the same mistake as a 422 cause worded like a custom resource's
 * (`spec.replicas in body must be of type integer: "string"`), which keeps the field path.
 */

export type ExpectedType = 'integer' | 'string' | 'boolean' | 'object' | 'array';

function actualType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A cause when `value` is present and not of `expected` type, else undefined. */
export function typeMismatch(
  value: unknown,
  expected: ExpectedType,
  path: string,
): StatusCause | undefined {
  if (value === undefined) return undefined;
  const actual = actualType(value);
  if (actual === expected) return undefined;
  return fieldTypeInvalid(
    path,
    actual,
    `${path} in body must be of type ${expected}: ${goQuote(actual)}`,
  );
}

/** Collects the mismatches of several `[value, type, path]` triples. */
export function typeMismatches(checks: [unknown, ExpectedType, string][]): StatusCause[] {
  return checks.flatMap(([value, expected, path]) => typeMismatch(value, expected, path) ?? []);
}
