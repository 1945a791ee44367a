import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  defaultCustomResourceDefinition,
  validateCustomResourceDefinition,
  type CustomResourceDefinition,
} from './crd';
import { evaluateJsonPath, parseJsonPath } from './jsonpath';
import { printerColumnCell } from './printer-columns';

const crdPath = fileURLToPath(
  new URL(
    '../../../../../shared/reference/istio/manifests/charts/base/files/crd-all.gen.yaml',
    import.meta.url,
  ),
);
const istioCrds = parseAllDocuments(readFileSync(crdPath, 'utf8'))
  .map((doc) => doc.toJS() as CustomResourceDefinition | null)
  .filter((doc): doc is CustomResourceDefinition => doc !== null);

const releaseJobs: CustomResourceDefinition = {
  metadata: { name: 'releasejobs.aviary.dev' },
  spec: {
    group: 'aviary.dev',
    scope: 'Namespaced',
    names: { plural: 'releasejobs', kind: 'ReleaseJob', shortNames: ['rj'] },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        },
        subresources: {
          status: {},
          scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
        },
        additionalPrinterColumns: [{ name: 'Phase', type: 'string', jsonPath: '.status.phase' }],
      },
    ],
  },
};

function changed(mutate: (crd: CustomResourceDefinition) => void): CustomResourceDefinition {
  const copy = structuredClone(releaseJobs);
  mutate(copy);
  return copy;
}

describe('validateCustomResourceDefinition', () => {
  it.each(istioCrds.map((crd) => [crd.metadata.name ?? '', crd] as const))(
    'accepts Istio CRD %s',
    (_name, crd) => {
      expect(validateCustomResourceDefinition(defaultCustomResourceDefinition(crd))).toEqual([]);
    },
  );

  it('defaults singular and listKind', () => {
    expect(defaultCustomResourceDefinition(releaseJobs).spec.names).toMatchObject({
      singular: 'releasejob',
      listKind: 'ReleaseJobList',
    });
  });

  it.each([
    [
      'a name that is not plural.group',
      (c: CustomResourceDefinition) => (c.metadata.name = 'jobs.aviary.dev'),
      'metadata.name',
      'Invalid value: "jobs.aviary.dev": must be spec.names.plural+"."+spec.group',
    ],
    [
      'a group without a dot',
      (c: CustomResourceDefinition) => {
        c.spec.group = 'aviary';
        c.metadata.name = 'releasejobs.aviary';
      },
      'spec.group',
      'Invalid value: "aviary": should be a domain with at least one dot',
    ],
    [
      'an unknown scope',
      (c: CustomResourceDefinition) => (c.spec.scope = 'Global' as 'Cluster'),
      'spec.scope',
      'Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
    ],
    [
      'two storage versions',
      (c: CustomResourceDefinition) =>
        c.spec.versions.push({ ...structuredClone(c.spec.versions[0]!), name: 'v1' }),
      'spec.versions',
      expect.stringMatching(/must have exactly one version marked as storage version$/),
    ],
    [
      'a printer column of an unknown type',
      (c: CustomResourceDefinition) =>
        (c.spec.versions[0]!.additionalPrinterColumns![0]!.type = 'text' as 'string'),
      'spec.versions[0].additionalPrinterColumns[0].type',
      'Unsupported value: "text": supported values: "boolean", "date", "integer", "number", "string"',
    ],
    [
      'a scale path outside .spec',
      (c: CustomResourceDefinition) =>
        (c.spec.versions[0]!.subresources!.scale!.specReplicasPath = '.status.replicas'),
      'spec.versions[0].subresources.scale.specReplicasPath',
      'Invalid value: ".status.replicas": should be a json path under .spec',
    ],
    [
      'a version without schema',
      (c: CustomResourceDefinition) => delete c.spec.versions[0]!.schema,
      'spec.versions[0].schema.openAPIV3Schema',
      'Required value: schemas are required',
    ],
    [
      'an untyped property',
      (c: CustomResourceDefinition) =>
        (c.spec.versions[0]!.schema!.openAPIV3Schema!.properties!.status = {}),
      'spec.versions[0].schema.openAPIV3Schema.properties[status].type',
      'Required value: must not be empty for specified object fields',
    ],
  ])('rejects %s', (_label, mutate, field, message) => {
    expect(
      validateCustomResourceDefinition(defaultCustomResourceDefinition(changed(mutate))),
    ).toContainEqual(expect.objectContaining({ field, message }));
  });
});

const pod = {
  metadata: { name: 'reviews', labels: { app: 'reviews', 'app.kubernetes.io/name': 'reviews' } },
  spec: { replicas: 3, hosts: ['reviews', 'reviews.demo'] },
  status: {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Synced', status: 'False' },
    ],
    weight: 1.5,
  },
};

describe('JSONPath', () => {
  it.each([
    ['.spec.replicas', [3]],
    ['{.spec.replicas}', [3]],
    ['.metadata.labels.app', ['reviews']],
    [".metadata.labels['app.kubernetes.io/name']", ['reviews']],
    ['.spec.hosts[0]', ['reviews']],
    ['.spec.hosts[-1]', ['reviews.demo']],
    ['.spec.hosts[*]', ['reviews', 'reviews.demo']],
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    ['.status.conditions[?(@.status!="True")].type', ['Synced']],
    ['.status.missing', []],
  ])('%s', (path, values) => {
    expect(evaluateJsonPath(pod, path)).toEqual(values);
  });

  it('refuses what it does not support', () => {
    expect(() => parseJsonPath('..spec')).toThrow();
    expect(() => parseJsonPath('spec.replicas')).toThrow();
  });

  it.each([
    [{ name: 'Hosts', type: 'string', jsonPath: '.spec.hosts' }, '["reviews","reviews.demo"]'],
    [{ name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' }, 3],
    [{ name: 'Weight', type: 'number', jsonPath: '.status.weight' }, 1.5],
    [
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      'True',
    ],
    [{ name: 'Gone', type: 'string', jsonPath: '.spec.gateways' }, null],
    [{ name: 'Wrong', type: 'boolean', jsonPath: '.spec.replicas' }, null],
  ] as const)('printer column %j', (column, cell) => {
    expect(printerColumnCell(pod, column)).toEqual(cell);
  });
});
