import type { StatusCause } from '../types';
import {
  childPath,
  fieldForbidden,
  fieldInvalid,
  fieldRequired,
  fieldTooLong,
} from './field-errors';
import { goStringSlice } from './go-format';
import {
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
} from './name-rules';

/**
 * Which rule an object's name follows: most kinds (and every custom resource) use a DNS-1123
 * subdomain; Namespaces a DNS-1123 label; Services a DNS-1035 label (their name becomes a DNS
 * label that must start with a letter); RBAC objects only need a safe URL path segment.
 */
export type NameRule = 'subdomain' | 'label' | 'dns1035-label' | 'path-segment';

export interface ObjectMetaRules {
  namespaced: boolean;
  nameRule: NameRule;
}

/** The sum of annotation keys and values may not exceed 256 KiB. */
export const totalAnnotationSizeLimitBytes = 256 * 1024;

const utf8 = new TextEncoder();

// Generated names get a random suffix, so a trailing dash in generateName is fine.
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
}

/** The messages for `name` under `rule`; `prefix` checks a generateName. */
export function validateName(name: string, rule: NameRule, prefix = false): string[] {
  const candidate = prefix ? maskTrailingDash(name) : name;
  switch (rule) {
    case 'subdomain':
      return isDns1123Subdomain(candidate);
    case 'label':
      return isDns1123Label(candidate);
    case 'dns1035-label':
      return isDns1035Label(candidate);
    case 'path-segment':
      // A prefix may be "." or ".."; only the characters matter there.
      return prefix
        ? isValidPathSegmentName(name).filter((msg) => msg.startsWith('may not contain'))
        : isValidPathSegmentName(name);
  }
}

const rbacKinds = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** The name rule kube-apiserver applies to a kind (custom resources use subdomains). */
export function nameRuleFor(group: string, kind: string): NameRule {
  if (group === '' && kind === 'Namespace') return 'label';
  if (group === '' && kind === 'Service') return 'dns1035-label';
  if (group === 'rbac.authorization.k8s.io' && rbacKinds.has(kind)) return 'path-segment';
  return 'subdomain';
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** ValidateLabels: every key a qualified name, every value a label value; errors on the map's path. */
export function validateLabels(labels: unknown, path: string): StatusCause[] {
  if (labels === undefined || labels === null) return [];
  if (!isStringMap(labels))
    return [fieldInvalid(path, labels, 'must be a map of string keys to string values')];
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels)) {
    causes.push(...isQualifiedName(key).map((msg) => fieldInvalid(path, key, msg)));
    causes.push(...isValidLabelValue(value).map((msg) => fieldInvalid(path, value, msg)));
  }
  return causes;
}

/** ValidateAnnotations: keys are qualified names (any case); the whole map stays under 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): StatusCause[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isStringMap(annotations))
    return [fieldInvalid(path, annotations, 'must be a map of string keys to string values')];
  const causes: StatusCause[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    causes.push(...isQualifiedName(key.toLowerCase()).map((msg) => fieldInvalid(path, key, msg)));
    total += utf8.encode(key).length + utf8.encode(value).length;
  }
  if (total > totalAnnotationSizeLimitBytes)
    causes.push(fieldTooLong(path, totalAnnotationSizeLimitBytes));
  return causes;
}

function validateOwnerReferences(refs: unknown, path: string): StatusCause[] {
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs)) return [fieldInvalid(path, refs, 'must be a list of owner references')];
  const causes: StatusCause[] = [];
  const controllers: string[] = [];
  for (const ref of refs as Record<string, unknown>[]) {
    const apiVersion = String(ref?.apiVersion ?? '');
    const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
    if (!version)
      causes.push(
        fieldInvalid(childPath(path, 'apiVersion'), apiVersion, 'version must not be empty'),
      );
    if (!ref?.kind)
      causes.push(
        fieldInvalid(childPath(path, 'kind'), String(ref?.kind ?? ''), 'kind must not be empty'),
      );
    if (!ref?.name)
      causes.push(
        fieldInvalid(childPath(path, 'name'), String(ref?.name ?? ''), 'name must not be empty'),
      );
    if (!ref?.uid)
      causes.push(
        fieldInvalid(childPath(path, 'uid'), String(ref?.uid ?? ''), 'uid must not be empty'),
      );
    if (ref?.controller === true) controllers.push(`${String(ref.kind)}/${String(ref.name)}`);
  }
  if (controllers.length > 1) {
    causes.push(
      fieldInvalid(
        path,
        refs,
        `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`,
      ),
    );
  }
  return causes;
}

function validateFinalizers(finalizers: unknown, path: string): StatusCause[] {
  if (finalizers === undefined || finalizers === null) return [];
  if (!Array.isArray(finalizers) || !finalizers.every((f) => typeof f === 'string')) {
    return [fieldInvalid(path, finalizers, 'must be a list of strings')];
  }
  const causes = finalizers.flatMap((name: string) =>
    isQualifiedName(name).map((msg) => fieldInvalid(path, name, msg)),
  );
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    causes.push(
      fieldInvalid(
        path,
        goStringSlice(finalizers),
        'finalizer orphan and foregroundDeletion cannot be both set',
      ),
    );
  }
  return causes;
}

/**
 * ValidateObjectMeta as kube-apiserver runs it on every create and update. A missing name is
 * fine when generateName is set: the server generates the name before storing the object.
 */
export function validateObjectMeta(
  meta: unknown,
  rules: ObjectMetaRules,
  path = 'metadata',
): StatusCause[] {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    return [fieldRequired(childPath(path, 'name'), 'name or generateName is required')];
  }
  const m = meta as Record<string, unknown>;
  const causes: StatusCause[] = [];
  const generateName = typeof m.generateName === 'string' ? m.generateName : '';
  const name = typeof m.name === 'string' ? m.name : '';
  if (generateName) {
    const generatePath = childPath(path, 'generateName');
    causes.push(
      ...validateName(generateName, rules.nameRule, true).map((msg) =>
        fieldInvalid(generatePath, generateName, msg),
      ),
    );
  }
  if (!name) {
    if (!generateName)
      causes.push(fieldRequired(childPath(path, 'name'), 'name or generateName is required'));
  } else {
    causes.push(
      ...validateName(name, rules.nameRule).map((msg) =>
        fieldInvalid(childPath(path, 'name'), name, msg),
      ),
    );
  }
  const namespace = typeof m.namespace === 'string' ? m.namespace : '';
  const namespacePath = childPath(path, 'namespace');
  if (rules.namespaced) {
    if (!namespace) causes.push(fieldRequired(namespacePath));
    else
      causes.push(
        ...isDns1123Label(namespace).map((msg) => fieldInvalid(namespacePath, namespace, msg)),
      );
  } else if (namespace) {
    causes.push(fieldForbidden(namespacePath, 'not allowed on this type'));
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    causes.push(
      fieldInvalid(
        childPath(path, 'generation'),
        m.generation,
        'must be greater than or equal to 0',
      ),
    );
  }
  causes.push(...validateLabels(m.labels, childPath(path, 'labels')));
  causes.push(...validateAnnotations(m.annotations, childPath(path, 'annotations')));
  causes.push(...validateOwnerReferences(m.ownerReferences, childPath(path, 'ownerReferences')));
  causes.push(...validateFinalizers(m.finalizers, childPath(path, 'finalizers')));
  return causes;
}
