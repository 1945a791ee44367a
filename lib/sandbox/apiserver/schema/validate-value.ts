import { RE2JS } from 're2js';
import type { StatusCause } from '../types';
import {
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  fieldTooLong,
  fieldTooMany,
  fieldTypeInvalid,
  nilFieldPath,
} from '../validation/field-errors';
import { goNumber, goQuote } from '../validation/go-format';
import { violatesFormat } from './formats';
import { isPlainObject, jsonEqual, jsonTypeOf, type JsonSchemaProps } from './json-schema-props';

/**
 * Value validation of a custom resource against its structural schema, as kube-apiserver does it
 * with kube-openapi's fork of go-openapi/validate, and with the errors converted the way
 * apiextensions' ValidateCustomResource converts them. The message text of each check, the order
 * of the checks, and which errors carry a field (oneOf/anyOf/allOf/not errors do not: Kubernetes
 * reports them on the `<nil>` path with the path quoted in the message) follow that code.
 *
 * `x-kubernetes-validations` (CEL) rules are not evaluated: the sandbox has no CEL interpreter,
 * so objects that only a CEL rule would reject (Istio uses them for durations, for instance) are
 * accepted here.
 */

/** What one schema node reports: its causes, and how much of it matched (to pick oneOf errors). */
interface Result {
  causes: StatusCause[];
  matchCount: number;
}

const patternCache = new Map<string, RE2JS>();

// Kubernetes runs `pattern` with Go's regexp (RE2) and MatchString, which searches anywhere in
// the value: the pattern must anchor itself with ^ and $ to match the whole string.
function matchesPattern(pattern: string, text: string): boolean {
  let compiled = patternCache.get(pattern);
  if (!compiled) {
    compiled = RE2JS.compile(pattern);
    patternCache.set(pattern, compiled);
  }
  return compiled.matcher(text).find();
}

// go-openapi names errors after its own path; apiextensions trims a leading "." off it.
function fieldOf(path: string): string {
  return path.replace(/^\./, '') || nilFieldPath;
}

function schemaTypes(schema: JsonSchemaProps): string[] {
  if (schema.type) return [schema.type];
  // Structural schemas leave int-or-string untyped; the validator sees both types.
  if (schema['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return [];
}

function typeError(path: string, expected: string, actual: string): StatusCause {
  return fieldTypeInvalid(
    fieldOf(path),
    actual,
    `${path} in body must be of type ${expected}: ${goQuote(actual)}`,
  );
}

function invalid(path: string, value: unknown, detail: string): StatusCause {
  return fieldInvalid(fieldOf(path), value, `${path} in body ${detail}`);
}

/** The type validator, including go-openapi's handling of formats on numbers. */
function checkType(value: unknown, schema: JsonSchemaProps, path: string): StatusCause[] {
  const types = schemaTypes(schema);
  const actual = jsonTypeOf(value);
  if (actual === 'null') {
    return types.length > 0 && !schema.nullable ? [typeError(path, types.join(','), 'null')] : [];
  }
  if (types.length === 0) return [];
  const floatInt = actual === 'number' && types.includes('integer') && Number.isInteger(value);
  const intFloat = actual === 'integer' && types.includes('number');
  const format = schema.format ?? '';
  if (actual !== 'string' && actual !== 'array' && format) {
    // JSON numbers decode to int64 or float64; booleans and objects have no format at all.
    const actualFormat = actual === 'integer' ? 'int64' : actual === 'number' ? 'float64' : '';
    if (!(types.includes(actual) || actualFormat === format || floatInt || intFloat)) {
      return [typeError(path, format, actualFormat)];
    }
  }
  if (
    !types.includes('number') &&
    !types.includes('integer') &&
    format &&
    (actual === 'string' || actual === 'array')
  ) {
    return [];
  }
  return types.includes(actual) || floatInt || intFloat
    ? []
    : [typeError(path, types.join(','), actual)];
}

function checkString(text: string, schema: JsonSchemaProps, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const length = [...text].length;
  // The converted error carries no maximum, so Kubernetes prints "value is too long".
  if (schema.maxLength !== undefined && length > schema.maxLength)
    causes.push(fieldTooLong(fieldOf(path), -1));
  if (schema.minLength !== undefined && length < schema.minLength) {
    causes.push(invalid(path, text, `should be at least ${schema.minLength} chars long`));
  }
  if (schema.pattern !== undefined && !matchesPattern(schema.pattern, text)) {
    causes.push(invalid(path, text, `should match '${schema.pattern}'`));
  }
  if (schema.format && violatesFormat(schema.format, text)) {
    causes.push(
      fieldTypeInvalid(
        fieldOf(path),
        text,
        `${path} in body must be of type ${schema.format}: ${goQuote(text)}`,
      ),
    );
  }
  return causes;
}

const formatBounds: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [-(2 ** 63), 2 ** 63 - 1],
};

function checkNumber(n: number, schema: JsonSchemaProps, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (schema.multipleOf !== undefined) {
    if (schema.multipleOf <= 0) {
      causes.push(
        fieldInvalid(
          fieldOf(path),
          schema.multipleOf,
          `factor MultipleOf declared for ${path} must be positive: ${goNumber(schema.multipleOf)}`,
        ),
      );
    } else {
      const quotient = n / schema.multipleOf;
      if (Math.abs(quotient - Math.round(quotient)) > 1e-9 * Math.max(1, Math.abs(quotient))) {
        causes.push(invalid(path, n, `should be a multiple of ${goNumber(schema.multipleOf)}`));
      }
    }
  }
  if (schema.maximum !== undefined) {
    const over = schema.exclusiveMaximum ? n >= schema.maximum : n > schema.maximum;
    if (over)
      causes.push(
        invalid(
          path,
          n,
          `should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${goNumber(schema.maximum)}`,
        ),
      );
  }
  if (schema.minimum !== undefined) {
    const under = schema.exclusiveMinimum ? n <= schema.minimum : n < schema.minimum;
    if (under)
      causes.push(
        invalid(
          path,
          n,
          `should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${goNumber(schema.minimum)}`,
        ),
      );
  }
  // Go decodes a custom resource into int64 and leaves int32 overflow to whoever reads the field;
  // the sandbox refuses it up front so that a weight of 3000000000 cannot be stored.
  const bounds = schema.type === 'integer' ? formatBounds[schema.format ?? ''] : undefined;
  if (bounds && Number.isInteger(n)) {
    if (n > bounds[1])
      causes.push(invalid(path, n, `should be less than or equal to ${bounds[1]}`));
    if (n < bounds[0])
      causes.push(invalid(path, n, `should be greater than or equal to ${bounds[0]}`));
  }
  return causes;
}

function checkEnum(value: unknown, schema: JsonSchemaProps, path: string): StatusCause[] {
  if (!schema.enum || schema.enum.length === 0) return [];
  if (schema.enum.some((allowed) => jsonEqual(allowed, value))) return [];
  const supported = schema.enum.map((allowed) =>
    typeof allowed === 'string' ? allowed : JSON.stringify(allowed),
  );
  return [fieldNotSupported(fieldOf(path), value ?? null, supported)];
}

function childOf(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function checkObject(
  object: Record<string, unknown>,
  schema: JsonSchemaProps,
  path: string,
): Result {
  const keys = Object.keys(object);
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) {
    return {
      causes: [
        invalid(path, keys.length, `should have at least ${schema.minProperties} properties`),
      ],
      matchCount: 0,
    };
  }
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
    return { causes: [fieldTooMany(fieldOf(path), keys.length, -1)], matchCount: 0 };
  }
  const result: Result = { causes: [], matchCount: 0 };
  const properties = schema.properties ?? {};
  const additional = schema.additionalProperties;
  for (const key of keys) {
    if (key in properties) continue;
    if (additional === false) {
      result.causes.push(
        fieldInvalid(fieldOf(path), key, `${path}.${key} in body is a forbidden property`),
      );
    } else if (typeof additional === 'object') {
      merge(result, validateNode(object[key], additional, `${path}.${key}`));
    }
  }
  for (const [name, propertySchema] of Object.entries(properties)) {
    if (name in object)
      merge(result, validateNode(object[name], propertySchema, childOf(path, name)));
  }
  for (const name of schema.required ?? []) {
    if (!(name in object)) result.causes.push(fieldRequired(fieldOf(`${path}.${name}`)));
  }
  return result;
}

function checkArray(items: unknown[], schema: JsonSchemaProps, path: string): Result {
  const result: Result = { causes: [], matchCount: 0 };
  if (schema.items) {
    const itemSchema = schema.items;
    items.forEach((item, i) => merge(result, validateNode(item, itemSchema, `${path}[${i}]`)));
  }
  if (schema.minItems !== undefined && items.length < schema.minItems) {
    result.causes.push(
      invalid(path, items.length, `should have at least ${schema.minItems} items`),
    );
  }
  if (schema.maxItems !== undefined && items.length > schema.maxItems) {
    result.causes.push(fieldTooMany(fieldOf(path), items.length, -1));
  }
  if (
    schema.uniqueItems &&
    items.some((item, i) => items.slice(i + 1).some((other) => jsonEqual(item, other)))
  ) {
    result.causes.push(invalid(path, '', `shouldn't contain duplicates`));
  }
  return result;
}

function composite(message: string): StatusCause {
  return fieldInvalid(nilFieldPath, '', message);
}

/** anyOf, oneOf, allOf and not, with go-openapi's choice of which branch's errors to report. */
function checkCombinators(value: unknown, schema: JsonSchemaProps, path: string): Result {
  const result: Result = { causes: [], matchCount: 0 };
  if (schema.anyOf?.length) {
    let best: Result | undefined;
    let succeeded: Result | undefined;
    for (const branch of schema.anyOf) {
      const r = validateNode(value, branch, path);
      if (r.causes.length === 0) {
        succeeded = r;
        best = undefined;
        break;
      }
      if (!best || r.matchCount > best.matchCount) best = r;
    }
    if (!succeeded)
      result.causes.push(composite(`${goQuote(path)} must validate at least one schema (anyOf)`));
    merge(result, best ?? succeeded);
  }
  if (schema.oneOf?.length) {
    let best: Result | undefined;
    let first: Result | undefined;
    let validated = 0;
    for (const branch of schema.oneOf) {
      const r = validateNode(value, branch, path);
      if (r.causes.length === 0) {
        validated++;
        best = undefined;
        first ??= r;
      } else if (validated === 0 && (!best || r.matchCount > best.matchCount)) {
        best = r;
      }
    }
    if (validated !== 1) {
      const found = validated === 0 ? 'Found none valid' : `Found ${validated} valid alternatives`;
      result.causes.push(
        composite(`${goQuote(path)} must validate one and only one schema (oneOf). ${found}`),
      );
      merge(result, best);
    } else {
      merge(result, first);
    }
  }
  if (schema.allOf?.length) {
    let validated = 0;
    for (const branch of schema.allOf) {
      const r = validateNode(value, branch, path);
      if (r.causes.length === 0) validated++;
      merge(result, r);
    }
    if (validated !== schema.allOf.length) {
      const none = validated === 0 ? '. None validated' : '';
      result.causes.push(
        composite(`${goQuote(path)} must validate all the schemas (allOf)${none}`),
      );
    }
  }
  if (schema.not && validateNode(value, schema.not, path).causes.length === 0) {
    result.causes.push(composite(`${goQuote(path)} must not validate the schema (not)`));
  }
  result.matchCount++;
  return result;
}

function merge(into: Result, from: Result | undefined): void {
  if (!from) return;
  into.causes.push(...from.causes);
  into.matchCount += from.matchCount;
}

/** One schema node: the validators of go-openapi's SchemaValidator, in its order. */
function validateNode(value: unknown, schema: JsonSchemaProps, path: string): Result {
  const result: Result = { causes: [], matchCount: 0 };
  const apply = (causes: StatusCause[]) => {
    result.causes.push(...causes);
    result.matchCount++;
  };
  if (value === null || value === undefined) {
    apply(checkType(null, schema, path));
    apply(checkEnum(null, schema, path));
    return result;
  }
  if (schemaTypes(schema).length > 0 || schema.format) apply(checkType(value, schema, path));
  merge(result, checkCombinators(value, schema, path));
  if (typeof value === 'string') apply(checkString(value, schema, path));
  if (typeof value === 'number') apply(checkNumber(value, schema, path));
  if (Array.isArray(value)) merge(result, checkArray(value, schema, path));
  apply(checkEnum(value, schema, path));
  if (isPlainObject(value)) merge(result, checkObject(value, schema, path));
  result.matchCount++;
  return result;
}

/** The schema (value-validation) causes for `value`; `rootPath` prefixes every path ("" = the object). */
export function validateValue(
  value: unknown,
  schema: JsonSchemaProps,
  rootPath = '',
): StatusCause[] {
  return validateNode(value, schema, rootPath).causes;
}
