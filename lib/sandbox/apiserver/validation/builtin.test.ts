import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { validateBuiltin } from './builtin';
import { nameRuleFor, validateObjectMeta } from './object-meta';

const bookinfoPath = fileURLToPath(
  new URL(
    '../../../../../shared/reference/istio/samples/bookinfo/platform/kube/bookinfo.yaml',
    import.meta.url,
  ),
);
type Doc = { apiVersion: string; kind: string; metadata: Record<string, unknown> } & Record<
  string,
  unknown
>;
const bookinfo = parseAllDocuments(readFileSync(bookinfoPath, 'utf8'))
  .map((doc) => doc.toJS() as Doc | null)
  .filter((doc): doc is Doc => doc !== null);

const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';

describe('bookinfo.yaml', () => {
  it('has the Services, ServiceAccounts and Deployments of Bookinfo', () => {
    expect(bookinfo.filter((doc) => doc.kind === 'Deployment').length).toBeGreaterThanOrEqual(6);
  });

  it.each(bookinfo.map((doc) => [`${doc.kind}/${String(doc.metadata.name)}`, doc] as const))(
    'accepts %s',
    (_label, doc) => {
      const group = groupOf(doc.apiVersion);
      const meta = { namespace: 'default', ...doc.metadata };
      expect(
        validateObjectMeta(meta, { namespaced: true, nameRule: nameRuleFor(group, doc.kind) }),
      ).toEqual([]);
      expect(validateBuiltin(group, doc.kind, doc)).toEqual([]);
    },
  );
});

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'reviews-v2' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'reviews', version: 'v2' } },
    template: {
      metadata: { labels: { app: 'reviews', version: 'v2' } },
      spec: {
        containers: [{ name: 'reviews', image: 'reviews:v2', ports: [{ containerPort: 9080 }] }],
      },
    },
  },
};

function withSpec<T extends { spec: object }>(object: T, spec: Record<string, unknown>): T {
  return { ...object, spec: { ...object.spec, ...spec } };
}

const template = deployment.spec.template;

describe('Deployment', () => {
  it.each([
    [
      'negative replicas',
      { replicas: -1 },
      [
        {
          reason: 'FieldValueInvalid',
          field: 'spec.replicas',
          message: 'Invalid value: -1: must be greater than or equal to 0',
        },
      ],
    ],
    [
      'replicas as a string',
      { replicas: 'two' },
      [
        {
          reason: 'FieldValueTypeInvalid',
          field: 'spec.replicas',
          message:
            'Invalid value: "string": spec.replicas in body must be of type integer: "string"',
        },
      ],
    ],
    [
      'no selector',
      { selector: undefined },
      [{ reason: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' }],
    ],
    [
      'an empty selector',
      { selector: {} },
      [
        {
          reason: 'FieldValueInvalid',
          field: 'spec.selector',
          message:
            'Invalid value: &v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
        },
      ],
    ],
    [
      'a selector that misses the template',
      { selector: { matchLabels: { app: 'reviews', version: 'v3' } } },
      [
        {
          reason: 'FieldValueInvalid',
          field: 'spec.template.metadata.labels',
          message:
            'Invalid value: map[string]string{"app":"reviews", "version":"v2"}: `selector` does not match template `labels`',
        },
      ],
    ],
    [
      'no containers',
      { template: { ...template, spec: { containers: [] } } },
      [
        {
          reason: 'FieldValueRequired',
          field: 'spec.template.spec.containers',
          message: 'Required value',
        },
      ],
    ],
    [
      'a container without image',
      { template: { ...template, spec: { containers: [{ name: 'reviews' }] } } },
      [
        {
          reason: 'FieldValueRequired',
          field: 'spec.template.spec.containers[0].image',
          message: 'Required value',
        },
      ],
    ],
    [
      'a port out of range and an unknown protocol',
      {
        template: {
          ...template,
          spec: {
            containers: [
              { name: 'r', image: 'i', ports: [{ containerPort: 70000, protocol: 'HTTP' }] },
            ],
          },
        },
      },
      [
        {
          reason: 'FieldValueInvalid',
          field: 'spec.template.spec.containers[0].ports[0].containerPort',
          message: 'Invalid value: 70000: must be between 1 and 65535, inclusive',
        },
        {
          reason: 'FieldValueNotSupported',
          field: 'spec.template.spec.containers[0].ports[0].protocol',
          message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        },
      ],
    ],
    [
      'a restart policy other than Always',
      { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } },
      [
        {
          reason: 'FieldValueNotSupported',
          field: 'spec.template.spec.restartPolicy',
          message: 'Unsupported value: "Never": supported values: "Always"',
        },
      ],
    ],
  ])('rejects %s', (_label, spec, causes) => {
    expect(validateBuiltin('apps', 'Deployment', withSpec(deployment, spec))).toEqual(causes);
  });
});

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'reviews' },
  spec: { selector: { app: 'reviews' }, ports: [{ port: 9080, name: 'http' }] },
};

describe('Service, ConfigMap, Secret', () => {
  it.each([
    [
      'port 0',
      { ports: [{ port: 0 }] },
      [
        {
          reason: 'FieldValueInvalid',
          field: 'spec.ports[0].port',
          message: 'Invalid value: 0: must be between 1 and 65535, inclusive',
        },
      ],
    ],
    [
      'two ports, one unnamed',
      { ports: [{ port: 80, name: 'http' }, { port: 81 }] },
      [{ reason: 'FieldValueRequired', field: 'spec.ports[1].name', message: 'Required value' }],
    ],
    [
      'two ports with one name',
      {
        ports: [
          { port: 80, name: 'http' },
          { port: 81, name: 'http' },
        ],
      },
      [
        {
          reason: 'FieldValueDuplicate',
          field: 'spec.ports[1].name',
          message: 'Duplicate value: "http"',
        },
      ],
    ],
    [
      'an unknown protocol',
      { ports: [{ port: 80, protocol: 'HTTP' }] },
      [
        {
          reason: 'FieldValueNotSupported',
          field: 'spec.ports[0].protocol',
          message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        },
      ],
    ],
    [
      'no ports',
      { ports: [] },
      [{ reason: 'FieldValueRequired', field: 'spec.ports', message: 'Required value' }],
    ],
    ['a headless service without ports', { ports: [], clusterIP: 'None' }, []],
  ])('Service: %s', (_label, spec, causes) => {
    expect(validateBuiltin('', 'Service', withSpec(service, spec))).toEqual(causes);
  });

  it.each([
    ['ConfigMap', { data: { 'app.conf': 'x', KEY_NAME: 'y' } }, []],
    [
      'ConfigMap',
      { data: { 'bad key': 'x' } },
      [
        {
          reason: 'FieldValueInvalid',
          field: 'data[bad key]',
          message:
            "Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        },
      ],
    ],
    [
      'ConfigMap',
      { data: { '..x': 'y' } },
      [
        {
          reason: 'FieldValueInvalid',
          field: 'data[..x]',
          message: 'Invalid value: "..x": must not start with \'..\'',
        },
      ],
    ],
    [
      'Secret',
      { type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==' } },
      [{ reason: 'FieldValueRequired', field: 'data[tls.key]', message: 'Required value' }],
    ],
    ['Secret', { stringData: { password: 'x' } }, []],
  ])('%s %j', (kind, body, causes) => {
    expect(
      validateBuiltin('', kind, { apiVersion: 'v1', kind, metadata: { name: 'x' }, ...body }),
    ).toEqual(causes);
  });
});
