import type { StatusCause } from '../types';
import {
  childPath,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  indexPath,
} from '../validation/field-errors';
import { isDns1035Label, isDns1123Subdomain } from '../validation/name-rules';
import { validateStructuralSchema } from './crd-structural';
import type { JsonSchemaProps } from './json-schema-props';
import { parseJsonPath } from './jsonpath';
import type { PrinterColumn } from './printer-columns';

/** The parts of an apiextensions.k8s.io/v1 CustomResourceDefinition the sandbox serves from. */
export interface CustomResourceDefinition {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; [key: string]: unknown };
  spec: {
    group: string;
    names: {
      plural: string;
      singular?: string;
      kind: string;
      listKind?: string;
      shortNames?: string[];
      categories?: string[];
    };
    scope: 'Namespaced' | 'Cluster';
    versions: CustomResourceDefinitionVersion[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface CustomResourceDefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  schema?: { openAPIV3Schema?: JsonSchemaProps };
  subresources?: {
    status?: Record<string, never>;
    scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
}

const printerColumnTypes = ['boolean', 'date', 'integer', 'number', 'string'];
const printerColumnFormats = [
  'byte',
  'date',
  'date-time',
  'double',
  'float',
  'int32',
  'int64',
  'password',
];

/**
 * The server-side defaults of a CRD: `singular` is the lower-case kind and `listKind` is
 * `<Kind>List`. Returns a copy.
 */
export function defaultCustomResourceDefinition(
  crd: CustomResourceDefinition,
): CustomResourceDefinition {
  const copy = structuredClone(crd);
  const names = copy.spec?.names;
  if (names?.kind) {
    names.singular ||= names.kind.toLowerCase();
    names.listKind ||= `${names.kind}List`;
  }
  return copy;
}

function dns1035(value: string | undefined, path: string, prefix = ''): StatusCause[] {
  if (!value) return [];
  const errs = isDns1035Label(prefix ? value.toLowerCase() : value);
  return errs.length ? [fieldInvalid(path, value, prefix + errs.join(','))] : [];
}

function validateNames(
  names: CustomResourceDefinition['spec']['names'],
  path: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const field of ['plural', 'singular', 'kind', 'listKind'] as const) {
    if (!names?.[field]) causes.push(fieldRequired(childPath(path, field)));
  }
  if (!names) return causes;
  const mixedCase = 'may have mixed case, but should otherwise match: ';
  causes.push(...dns1035(names.plural, childPath(path, 'plural')));
  causes.push(...dns1035(names.singular, childPath(path, 'singular')));
  causes.push(...dns1035(names.kind, childPath(path, 'kind'), mixedCase));
  causes.push(...dns1035(names.listKind, childPath(path, 'listKind'), mixedCase));
  (names.shortNames ?? []).forEach((name, i) =>
    causes.push(...dns1035(name || '-', indexPath(childPath(path, 'shortNames'), i))),
  );
  if (names.kind && names.kind === names.listKind) {
    causes.push(
      fieldInvalid(
        childPath(path, 'listKind'),
        names.listKind,
        'kind and listKind may not be the same',
      ),
    );
  }
  (names.categories ?? []).forEach((name, i) =>
    causes.push(...dns1035(name || '-', indexPath(childPath(path, 'categories'), i))),
  );
  return causes;
}

// validateSimpleJSONPath plus the parser: printer columns and scale paths must evaluate.
function validateJsonPath(path: string, fieldPath: string, under?: string[]): StatusCause[] {
  if (!path.startsWith('.'))
    return [fieldInvalid(fieldPath, path, 'must be a simple json path starting with .')];
  try {
    parseJsonPath(path);
  } catch (error) {
    return [
      fieldInvalid(fieldPath, path, `must be a valid JSON path: ${(error as Error).message}`),
    ];
  }
  if (under && !under.some((prefix) => path.startsWith(`.${prefix}.`))) {
    const where =
      under.length === 1 ? `.${under[0]}` : `either ${under.map((p) => `.${p}`).join(' or ')}`;
    return [fieldInvalid(fieldPath, path, `should be a json path under ${where}`)];
  }
  return [];
}

function validateScale(
  scale: NonNullable<NonNullable<CustomResourceDefinitionVersion['subresources']>['scale']>,
  path: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!scale.specReplicasPath) causes.push(fieldRequired(childPath(path, 'specReplicasPath')));
  else
    causes.push(
      ...validateJsonPath(scale.specReplicasPath, childPath(path, 'specReplicasPath'), ['spec']),
    );
  if (!scale.statusReplicasPath) causes.push(fieldRequired(childPath(path, 'statusReplicasPath')));
  else
    causes.push(
      ...validateJsonPath(scale.statusReplicasPath, childPath(path, 'statusReplicasPath'), [
        'status',
      ]),
    );
  if (scale.labelSelectorPath) {
    causes.push(
      ...validateJsonPath(scale.labelSelectorPath, childPath(path, 'labelSelectorPath'), [
        'spec',
        'status',
      ]),
    );
  }
  return causes;
}

function validateColumn(column: PrinterColumn, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!column.name) causes.push(fieldRequired(childPath(path, 'name')));
  if (!column.type)
    causes.push(
      fieldRequired(childPath(path, 'type'), `must be one of ${printerColumnTypes.join(',')}`),
    );
  else if (!printerColumnTypes.includes(column.type))
    causes.push(fieldNotSupported(childPath(path, 'type'), column.type, printerColumnTypes));
  if (column.format && !printerColumnFormats.includes(column.format)) {
    causes.push(fieldNotSupported(childPath(path, 'format'), column.format, printerColumnFormats));
  }
  // The internal field is JSONPath, and Kubernetes reports that name.
  if (!column.jsonPath) causes.push(fieldRequired(childPath(path, 'JSONPath')));
  else causes.push(...validateJsonPath(column.jsonPath, childPath(path, 'JSONPath')));
  if (typeof column.priority === 'number' && column.priority < 0) {
    causes.push(
      fieldInvalid(
        childPath(path, 'priority'),
        column.priority,
        'must be greater than or equal to 0',
      ),
    );
  }
  return causes;
}

function validateVersion(version: CustomResourceDefinitionVersion, path: string): StatusCause[] {
  const causes = dns1035(version.name || '-', childPath(path, 'name'));
  const schema = version.schema?.openAPIV3Schema;
  if (!schema)
    causes.push(
      fieldRequired(
        childPath(childPath(path, 'schema'), 'openAPIV3Schema'),
        'schemas are required',
      ),
    );
  else
    causes.push(
      ...validateStructuralSchema(schema, childPath(childPath(path, 'schema'), 'openAPIV3Schema')),
    );
  const scale = version.subresources?.scale;
  if (scale)
    causes.push(...validateScale(scale, childPath(childPath(path, 'subresources'), 'scale')));
  (version.additionalPrinterColumns ?? []).forEach((column, i) =>
    causes.push(
      ...validateColumn(column, indexPath(childPath(path, 'additionalPrinterColumns'), i)),
    ),
  );
  return causes;
}

/**
 * ValidateCustomResourceDefinition, enough to serve the CRD safely: name = plural.group, a
 * dotted DNS group, names, scope, versions (unique, exactly one storage version, structural
 * schemas), scale subresource paths and printer columns. Run defaultCustomResourceDefinition
 * first, as the server does.
 */
export function validateCustomResourceDefinition(crd: CustomResourceDefinition): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = crd.spec ?? ({} as CustomResourceDefinition['spec']);
  const expectedName = `${spec.names?.plural ?? ''}.${spec.group ?? ''}`;
  if (crd.metadata?.name !== expectedName) {
    causes.push(
      fieldInvalid(
        'metadata.name',
        crd.metadata?.name ?? '',
        'must be spec.names.plural+"."+spec.group',
      ),
    );
  }
  if (!spec.group) causes.push(fieldRequired('spec.group'));
  else {
    causes.push(
      ...isDns1123Subdomain(spec.group).map((msg) => fieldInvalid('spec.group', spec.group, msg)),
    );
    if (spec.group.split('.').length < 2)
      causes.push(
        fieldInvalid('spec.group', spec.group, 'should be a domain with at least one dot'),
      );
  }
  causes.push(...validateNames(spec.names, 'spec.names'));
  if (!spec.scope) causes.push(fieldRequired('spec.scope'));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced')
    causes.push(fieldNotSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0)
    causes.push(fieldRequired('spec.versions', 'must have at least one version'));
  versions.forEach((version, i) =>
    causes.push(...validateVersion(version, indexPath('spec.versions', i))),
  );
  const names = versions.map((version) => version.name);
  if (new Set(names).size !== names.length)
    causes.push(fieldInvalid('spec.versions', versions, 'must contain unique version names'));
  if (versions.length > 0 && versions.filter((version) => version.storage === true).length !== 1) {
    causes.push(
      fieldInvalid(
        'spec.versions',
        versions,
        'must have exactly one version marked as storage version',
      ),
    );
  }
  return causes;
}
