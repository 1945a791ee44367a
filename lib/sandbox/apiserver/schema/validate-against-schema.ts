import type { StatusCause } from '../types';
import { validateEmbeddedResources } from './embedded-resource';
import type { JsonSchemaProps } from './json-schema-props';
import { validateListTypes } from './list-type';
import { applyDefaults } from './defaults';
import { pruneUnknownFields } from './prune';
import { validateValue } from './validate-value';

/**
 * Every schema check kube-apiserver makes on a custom resource, in its order: value validation
 * (types, formats, bounds, enums, oneOf...), embedded resources, then list-type uniqueness.
 * `rootPath` prefixes the paths when validating a part of an object ("" for the whole object).
 */
export function validateAgainstSchema(
  value: unknown,
  schema: JsonSchemaProps,
  rootPath = '',
): StatusCause[] {
  return [
    ...validateValue(value, schema, rootPath),
    ...validateEmbeddedResources(value, schema, rootPath),
    ...validateListTypes(value, schema, rootPath),
  ];
}

export interface CustomResourceCheck<T> {
  /** The object as it would be stored: pruned and defaulted. */
  object: T;
  /** Fields that pruning dropped (for fieldValidation=Strict or Warn). */
  unknownPaths: string[];
  /** The 422 causes; empty when the object is valid. */
  causes: StatusCause[];
}

/**
 * The decode-and-validate path of a custom resource write: prune, default, then validate the
 * result. The server still validates `metadata` on its own (validateObjectMeta).
 */
export function checkCustomResource<T>(object: T, schema: JsonSchemaProps): CustomResourceCheck<T> {
  const { pruned, unknownPaths } = pruneUnknownFields(object, schema);
  const defaulted = applyDefaults(pruned, schema);
  return { object: defaulted, unknownPaths, causes: validateAgainstSchema(defaulted, schema) };
}
