import type { StatusCause } from '../types';
import { childPath, fieldInvalid, fieldRequired } from '../validation/field-errors';
import { isPlainObject, type JsonSchemaProps } from './json-schema-props';
import { walkStructural } from './structural-walk';

/**
 * `x-kubernetes-embedded-resource` objects must say what they are: apiVersion and kind are
 * required non-empty strings (metadata is optional), as apiextensions' objectmeta validation does.
 */
export function validateEmbeddedResources(
  value: unknown,
  schema: JsonSchemaProps,
  rootPath = '',
): StatusCause[] {
  const causes: StatusCause[] = [];
  walkStructural(value, schema, rootPath, (node, nodeSchema, path) => {
    if (!nodeSchema['x-kubernetes-embedded-resource'] || !isPlainObject(node)) return;
    for (const field of ['apiVersion', 'kind']) {
      const fieldPath = childPath(path, field);
      const fieldValue = node[field];
      if (!(field in node)) causes.push(fieldRequired(fieldPath, 'must not be empty'));
      else if (typeof fieldValue !== 'string')
        causes.push(fieldInvalid(fieldPath, fieldValue, 'must be a string'));
      else if (fieldValue.length === 0)
        causes.push(fieldInvalid(fieldPath, fieldValue, 'must not be empty'));
      else if (field === 'apiVersion' && fieldValue.split('/').length > 2) {
        causes.push(
          fieldInvalid(fieldPath, fieldValue, `unexpected GroupVersion string: ${fieldValue}`),
        );
      }
    }
  });
  return causes;
}
