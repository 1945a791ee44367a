import { describe, expect, it } from 'vitest';
import { nameRuleFor, validateObjectMeta, type ObjectMetaRules } from './object-meta';

const subdomainMessage =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMessage =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const dns1035Message =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const namespaced: ObjectMetaRules = { namespaced: true, nameRule: 'subdomain' };

describe('validateObjectMeta', () => {
  it.each([
    ['a plain name', { name: 'reviews-v1', namespace: 'demo' }, namespaced, []],
    ['a dotted name', { name: 'reviews.v1', namespace: 'demo' }, namespaced, []],
    ['generateName only', { generateName: 'reviews-', namespace: 'demo' }, namespaced, []],
    [
      'no name at all',
      { namespace: 'demo' },
      namespaced,
      [
        {
          reason: 'FieldValueRequired',
          field: 'metadata.name',
          message: 'Required value: name or generateName is required',
        },
      ],
    ],
    [
      'an upper-case name',
      { name: 'Reviews', namespace: 'demo' },
      namespaced,
      [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.name',
          message: `Invalid value: "Reviews": ${subdomainMessage}`,
        },
      ],
    ],
    [
      'a name of 254 characters',
      { name: 'a'.repeat(254), namespace: 'demo' },
      namespaced,
      [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.name',
          message: `Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`,
        },
      ],
    ],
    [
      'a dotted namespace name',
      { name: 'demo.project' },
      { namespaced: false, nameRule: 'label' } as ObjectMetaRules,
      [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.name',
          message: `Invalid value: "demo.project": ${labelMessage}`,
        },
      ],
    ],
    [
      'a Service name starting with a digit',
      { name: '9reviews', namespace: 'demo' },
      { namespaced: true, nameRule: 'dns1035-label' } as ObjectMetaRules,
      [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.name',
          message: `Invalid value: "9reviews": ${dns1035Message}`,
        },
      ],
    ],
    [
      'a namespaced object without a namespace',
      { name: 'x' },
      namespaced,
      [{ reason: 'FieldValueRequired', field: 'metadata.namespace', message: 'Required value' }],
    ],
    [
      'a cluster object with a namespace',
      { name: 'x', namespace: 'demo' },
      { namespaced: false, nameRule: 'subdomain' } as ObjectMetaRules,
      [
        {
          reason: 'FieldValueForbidden',
          field: 'metadata.namespace',
          message: 'Forbidden: not allowed on this type',
        },
      ],
    ],
    [
      'a label value that is too long',
      { name: 'x', namespace: 'demo', labels: { version: 'v'.repeat(64) } },
      namespaced,
      [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.labels',
          message: `Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`,
        },
      ],
    ],
    [
      'an empty label value',
      { name: 'x', namespace: 'demo', labels: { canary: '' } },
      namespaced,
      [],
    ],
    [
      'a prefixed label key',
      { name: 'x', namespace: 'demo', labels: { 'app.kubernetes.io/name': 'reviews' } },
      namespaced,
      [],
    ],
    [
      'a label key with a bad prefix',
      { name: 'x', namespace: 'demo', labels: { 'Aviary.dev/job': 'a' } },
      namespaced,
      [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.labels',
          message: `Invalid value: "Aviary.dev/job": prefix part ${subdomainMessage}`,
        },
      ],
    ],
    [
      'a label key of two slashes',
      { name: 'x', namespace: 'demo', labels: { 'a/b/c': 'v' } },
      namespaced,
      [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.labels',
          message:
            "Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        },
      ],
    ],
    [
      'an upper-case annotation key',
      { name: 'x', namespace: 'demo', annotations: { 'Example.com/Note': 'ok' } },
      namespaced,
      [],
    ],
    [
      'annotations over 256 KiB',
      { name: 'x', namespace: 'demo', annotations: { big: 'x'.repeat(256 * 1024) } },
      namespaced,
      [
        {
          reason: 'FieldValueTooLong',
          field: 'metadata.annotations',
          message: 'Too long: may not be more than 262144 bytes',
        },
      ],
    ],
    [
      'an owner reference without a uid',
      {
        name: 'x',
        namespace: 'demo',
        ownerReferences: [{ apiVersion: 'aviary.dev/v1alpha1', kind: 'ReleaseJob', name: 'j' }],
      },
      namespaced,
      [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.ownerReferences.uid',
          message: 'Invalid value: "": uid must not be empty',
        },
      ],
    ],
    [
      'a negative generation',
      { name: 'x', namespace: 'demo', generation: -1 },
      namespaced,
      [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.generation',
          message: 'Invalid value: -1: must be greater than or equal to 0',
        },
      ],
    ],
  ])('%s', (_label, meta, rules, causes) => {
    expect(validateObjectMeta(meta, rules)).toEqual(causes);
  });

  it.each([
    ['', 'Namespace', 'label'],
    ['', 'Service', 'dns1035-label'],
    ['', 'ConfigMap', 'subdomain'],
    ['rbac.authorization.k8s.io', 'ClusterRole', 'path-segment'],
    ['networking.istio.io', 'VirtualService', 'subdomain'],
  ])('%s %s names follow %s', (group, kind, rule) => {
    expect(nameRuleFor(group, kind)).toBe(rule);
  });
});
