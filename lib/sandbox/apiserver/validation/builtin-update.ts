import { canonicalJson } from '../core/server-metadata';
import type { StatusCause } from '../types';
import { fieldForbidden, fieldInvalid } from './field-errors';
import { goLiteral, goQuote, goStringMap, goStringSlice, literalText } from './go-format';

/**
 * The update checks kube-apiserver makes on the built-in kinds the sandbox hosts: fields that
 * are immutable once created (a Deployment's or ReplicaSet's selector, a binding's roleRef) and
 * the few fields of a Pod's spec an update may change. Paths and messages as kube-apiserver's.
 */

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** How Go's %#v prints a metav1.LabelSelector (ErrorBody dereferences the pointer). */
export function labelSelectorLiteral(selector: unknown) {
  const s = asObject(selector);
  const labels = literalText(goStringMap(s.matchLabels as Record<string, string> | undefined));
  const expressions = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map(asObject)
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${goQuote(String(e.key ?? ''))}, Operator:${goQuote(String(e.operator ?? ''))}, Values:${literalText(goStringSlice(e.values as string[] | undefined))}}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goLiteral(`v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${expressions}}`);
}

function immutableSelector(next: Json, current: Json): StatusCause[] {
  const selector = asObject(next.spec).selector;
  if (same(selector, asObject(current.spec).selector)) return [];
  return [fieldInvalid('spec.selector', labelSelectorLiteral(selector), 'field is immutable')];
}

function immutableRoleRef(next: Json, current: Json): StatusCause[] {
  if (same(next.roleRef, current.roleRef)) return [];
  const ref = asObject(next.roleRef);
  const literal = goLiteral(
    `rbac.RoleRef{APIGroup:${goQuote(String(ref.apiGroup ?? ''))}, Kind:${goQuote(String(ref.kind ?? ''))}, Name:${goQuote(String(ref.name ?? ''))}}`,
  );
  return [fieldInvalid('roleRef', literal, 'cannot change roleRef')];
}

const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** Copies the images of `from`'s containers onto `to`'s, container by container. */
function withImagesOf(to: unknown, from: unknown): unknown {
  if (!Array.isArray(to) || !Array.isArray(from) || to.length !== from.length) return to;
  return to.map((c, i) => ({ ...asObject(c), image: asObject(from[i]).image }));
}

const goFieldName = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * ValidatePodUpdate's spec rule: with the fields an update may change set back to their old
 * values, the spec must be unchanged. The message ends with a diff of the specs, as
 * kube-apiserver's does (its cmp.Diff text is unstable by design; this one lists changed fields).
 */
function podSpecUpdate(next: Json, current: Json): StatusCause[] {
  const oldSpec = asObject(current.spec);
  const munged: Json = { ...asObject(next.spec) };
  munged.containers = withImagesOf(munged.containers, oldSpec.containers);
  munged.initContainers = withImagesOf(munged.initContainers, oldSpec.initContainers);
  if (munged.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds !== undefined)
    munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  const oldTolerations = Array.isArray(oldSpec.tolerations) ? oldSpec.tolerations : [];
  const newTolerations = Array.isArray(munged.tolerations) ? munged.tolerations : [];
  if (oldTolerations.every((t) => newTolerations.some((n) => same(n, t))))
    munged.tolerations = oldSpec.tolerations;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = oldGrace;
  const oldGates = Array.isArray(oldSpec.schedulingGates) ? oldSpec.schedulingGates : [];
  const newGates = Array.isArray(munged.schedulingGates) ? munged.schedulingGates : [];
  if (newGates.every((g) => oldGates.some((o) => same(o, g))))
    munged.schedulingGates = oldSpec.schedulingGates;
  for (const key of Object.keys(munged)) if (munged[key] === undefined) delete munged[key];
  if (same(munged, oldSpec)) return [];
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(munged)])].sort();
  const diff = keys
    .filter((key) => !same(oldSpec[key], munged[key]))
    .flatMap((key) => [
      ...(oldSpec[key] !== undefined
        ? [`- \t${goFieldName(key)}: ${JSON.stringify(oldSpec[key])},`]
        : []),
      ...(munged[key] !== undefined
        ? [`+ \t${goFieldName(key)}: ${JSON.stringify(munged[key])},`]
        : []),
    ]);
  return [
    fieldForbidden(
      'spec',
      `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n  core.PodSpec{\n${diff.join('\n')}\n  }\n`,
    ),
  ];
}

const immutableWhenSet = 'field is immutable when `immutable` is set';

/** ValidateConfigMapUpdate and ValidateSecretUpdate: `immutable: true` freezes the data. */
function immutableData(dataFields: string[]) {
  return (next: Json, current: Json): StatusCause[] => {
    const causes: StatusCause[] = [];
    if (current.immutable === true) {
      if (next.immutable !== true) causes.push(fieldForbidden('immutable', immutableWhenSet));
      for (const field of dataFields)
        if (!same(next[field], current[field]))
          causes.push(fieldForbidden(field, immutableWhenSet));
    }
    return causes;
  };
}

/** A Secret's type never changes; its data only while it is not immutable. */
function secretUpdate(next: Json, current: Json): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!same(next.type, current.type))
    causes.push(fieldInvalid('type', String(next.type ?? ''), 'field is immutable'));
  return [...causes, ...immutableData(['data'])(next, current)];
}

/** A Service keeps the cluster IP it was given (an update that leaves it out keeps it too). */
function serviceUpdate(next: Json, current: Json): StatusCause[] {
  const oldSpec = asObject(current.spec);
  const newSpec = asObject(next.spec);
  if (oldSpec.type === 'ExternalName' || newSpec.type === 'ExternalName') return [];
  if (oldSpec.clusterIP === 'None' && newSpec.clusterIP === 'None') return [];
  const oldIps = oldSpec.clusterIPs;
  const newIps = newSpec.clusterIPs;
  if (!Array.isArray(oldIps) || oldIps.length === 0 || !Array.isArray(newIps)) return [];
  if (newIps[0] === oldIps[0]) return [];
  return [
    fieldInvalid(
      'spec.clusterIPs[0]',
      goStringSlice(newIps.map(String)),
      'may not change once set',
    ),
  ];
}

const updateValidators: Record<string, (next: Json, current: Json) => StatusCause[]> = {
  '/ConfigMap': immutableData(['data', 'binaryData']),
  '/Secret': secretUpdate,
  '/Service': serviceUpdate,
  'apps/Deployment': immutableSelector,
  'apps/ReplicaSet': immutableSelector,
  '/Pod': podSpecUpdate,
  'rbac.authorization.k8s.io/RoleBinding': immutableRoleRef,
  'rbac.authorization.k8s.io/ClusterRoleBinding': immutableRoleRef,
};

/** The update-only causes for a built-in object going from `current` to `next`. */
export function validateBuiltinUpdate(
  group: string,
  kind: string,
  next: unknown,
  current: unknown,
): StatusCause[] {
  const validator = updateValidators[`${group}/${kind}`];
  return validator ? validator(asObject(next), asObject(current)) : [];
}
