import type { StatusCause } from '../types';
import {
  childPath,
  fieldForbidden,
  fieldInvalid,
  fieldRequired,
  keyPath,
} from '../validation/field-errors';
import type { JsonSchemaProps } from './json-schema-props';

/**
 * The structural-schema rules a v1 CRD's schema must follow before kube-apiserver serves it: every
 * specified node has a type (unless int-or-string or preserve-unknown-fields), arrays have items,
 * and the constructs Kubernetes forbids are refused. Paths look like Kubernetes':
 * `...openAPIV3Schema.properties[spec].properties[replicas].type`.
 */
export function validateStructuralSchema(schema: JsonSchemaProps, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const visit = (
    node: JsonSchemaProps,
    nodePath: string,
    where: 'root' | 'object fields' | 'array items',
  ) => {
    const untyped =
      node['x-kubernetes-int-or-string'] || node['x-kubernetes-preserve-unknown-fields'];
    if (!node.type && !untyped) {
      causes.push(
        fieldRequired(
          childPath(nodePath, 'type'),
          where === 'root'
            ? 'must not be empty at the root'
            : `must not be empty for specified ${where}`,
        ),
      );
    }
    if (where === 'root' && node.type && node.type !== 'object') {
      causes.push(
        fieldInvalid(childPath(nodePath, 'type'), node.type, 'must be object at the root'),
      );
    }
    if (node.type === 'array' && !node.items)
      causes.push(fieldRequired(childPath(nodePath, 'items'), 'must be specified'));
    if (node.uniqueItems) {
      causes.push(
        fieldForbidden(
          childPath(nodePath, 'uniqueItems'),
          'uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
        ),
      );
    }
    if (node.additionalProperties === false) {
      causes.push(
        fieldForbidden(
          childPath(nodePath, 'additionalProperties'),
          'additionalProperties cannot be set to false',
        ),
      );
    }
    if (typeof node.additionalProperties === 'object' && node.properties) {
      causes.push(
        fieldForbidden(
          childPath(nodePath, 'additionalProperties'),
          'additionalProperties and properties are mutual exclusive',
        ),
      );
    }
    for (const [name, child] of Object.entries(node.properties ?? {}))
      visit(child, keyPath(childPath(nodePath, 'properties'), name), 'object fields');
    if (typeof node.additionalProperties === 'object')
      visit(
        node.additionalProperties,
        childPath(nodePath, 'additionalProperties'),
        'object fields',
      );
    if (node.items) visit(node.items, childPath(nodePath, 'items'), 'array items');
  };
  visit(schema, path, 'root');
  return causes;
}
