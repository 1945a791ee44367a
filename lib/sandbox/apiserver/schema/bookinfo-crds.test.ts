import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { JsonSchemaProps } from './json-schema-props';
import { checkCustomResource } from './validate-against-schema';

// The shared reference material sits beside the checkout (../shared), unmodified Istio data.
const reference = fileURLToPath(new URL('../../../../../shared/reference/istio/', import.meta.url));

type Doc = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
};

function loadYaml(path: string): Doc[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => doc.toJS() as Doc | null)
    .filter((doc): doc is Doc => doc !== null);
}

interface CrdVersion {
  name: string;
  schema: { openAPIV3Schema: JsonSchemaProps };
}

const crds = loadYaml(`${reference}manifests/charts/base/files/crd-all.gen.yaml`) as unknown as {
  spec: { group: string; names: { kind: string }; versions: CrdVersion[] };
}[];

function schemaFor(apiVersion: string, kind: string): JsonSchemaProps {
  const [group, version] = apiVersion.split('/');
  const crd = crds.find((c) => c.spec.group === group && c.spec.names.kind === kind);
  const found = crd?.spec.versions.find((v) => v.name === version);
  if (!found) throw new Error(`no CRD schema for ${apiVersion} ${kind}`);
  return found.schema.openAPIV3Schema;
}

const networkingDir = `${reference}samples/bookinfo/networking/`;
const istioObjects = readdirSync(networkingDir)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) => loadYaml(networkingDir + file).map((doc) => ({ file, doc })));

describe('Bookinfo networking objects against Istio CRD schemas', () => {
  it('found every sample', () => {
    expect(istioObjects.length).toBeGreaterThanOrEqual(20);
  });

  it.each(
    istioObjects.map(({ file, doc }) => [`${file} ${doc.kind}/${doc.metadata.name}`, doc] as const),
  )('accepts %s unchanged', (_label, doc) => {
    const result = checkCustomResource(doc, schemaFor(doc.apiVersion, doc.kind));
    expect(result.causes).toEqual([]);
    expect(result.unknownPaths).toEqual([]);
    expect(result.object).toEqual(doc);
  });
});

const reviews = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews' },
  spec: {
    hosts: ['reviews'],
    http: [
      {
        match: [{ uri: { prefix: '/reviews' }, headers: { 'end-user': { exact: 'jason' } } }],
        route: [
          { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
          { destination: { host: 'reviews', subset: 'v3' }, weight: 50 },
        ],
      },
    ],
  },
};

const remove = Symbol('remove');

/** A copy of `object` with the value at `path` replaced (or removed). */
function changedAt<T>(object: T, path: (string | number)[], value: unknown): T {
  const copy = structuredClone(object);
  let node = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] ?? '';
  if (value === remove) delete node[last];
  else node[last] = value;
  return copy;
}

function withSpec(path: (string | number)[], value: unknown): typeof reviews {
  return changedAt(reviews, ['spec', ...path], value);
}

describe('VirtualService rejections', () => {
  const schema = schemaFor('networking.istio.io/v1', 'VirtualService');

  it.each([
    [
      'a weight that is not a number',
      withSpec(['http', 0, 'route', 0, 'weight'], 'fifty'),
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.http[0].route[0].weight',
        message:
          'Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"',
      },
    ],
    [
      'a fractional weight',
      withSpec(['http', 0, 'route', 1, 'weight'], 1.5),
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.http[0].route[1].weight',
        message:
          'Invalid value: "float64": spec.http[0].route[1].weight in body must be of type int32: "float64"',
      },
    ],
    [
      'a route without a destination',
      withSpec(['http', 0, 'route', 0, 'destination'], remove),
      {
        reason: 'FieldValueRequired',
        field: 'spec.http[0].route[0].destination',
        message: 'Required value',
      },
    ],
    [
      'a destination without a host',
      withSpec(['http', 0, 'route', 1, 'destination', 'host'], remove),
      {
        reason: 'FieldValueRequired',
        field: 'spec.http[0].route[1].destination.host',
        message: 'Required value',
      },
    ],
    [
      'a StringMatch with both exact and prefix',
      withSpec(['http', 0, 'match', 0, 'uri'], { exact: '/a', prefix: '/b' }),
      {
        reason: 'FieldValueInvalid',
        field: '<nil>',
        message:
          'Invalid value: "": "spec.http[0].match[0].uri" must validate one and only one schema (oneOf). Found 2 valid alternatives',
      },
    ],
    [
      'a header StringMatch with both exact and regex',
      withSpec(['http', 0, 'match', 0, 'headers', 'end-user'], { exact: 'jason', regex: 'j.*' }),
      {
        reason: 'FieldValueInvalid',
        field: '<nil>',
        message:
          'Invalid value: "": "spec.http[0].match[0].headers.end-user" must validate one and only one schema (oneOf). Found 2 valid alternatives',
      },
    ],
    [
      'hosts given as a string',
      withSpec(['hosts'], 'reviews'),
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.hosts',
        message: 'Invalid value: "string": spec.hosts in body must be of type array: "string"',
      },
    ],
  ])('rejects %s', (_label, object, cause) => {
    expect(checkCustomResource(object, schema).causes).toEqual([cause]);
  });

  it('reports an unknown field as pruned, for Strict and Warn', () => {
    const object = changedAt(withSpec(['foo'], 1), ['spec', 'http', 0, 'route', 0, 'bogus'], true);
    const result = checkCustomResource(object, schema);
    expect(result.unknownPaths).toEqual(['spec.foo', 'spec.http[0].route[0].bogus']);
    expect(result.causes).toEqual([]);
    expect(result.object).toEqual(reviews);
  });
});

describe('DestinationRule rejections', () => {
  const schema = schemaFor('networking.istio.io/v1', 'DestinationRule');
  const rule = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews' },
    spec: {
      host: 'reviews',
      trafficPolicy: { loadBalancer: { simple: 'RANDOM' } },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    },
  };

  it('accepts a well-formed rule', () => {
    expect(checkCustomResource(rule, schema).causes).toEqual([]);
  });

  it('rejects an unknown load balancer with the supported values', () => {
    const bad = changedAt(rule, ['spec', 'trafficPolicy', 'loadBalancer', 'simple'], 'FASTEST');
    const [cause] = checkCustomResource(bad, schema).causes;
    expect(cause).toEqual({
      reason: 'FieldValueNotSupported',
      field: 'spec.trafficPolicy.loadBalancer.simple',
      message: expect.stringMatching(
        /^Unsupported value: "FASTEST": supported values: "UNSPECIFIED", .*"ROUND_ROBIN"/,
      ),
    });
  });

  it('rejects a missing host', () => {
    const bad = changedAt(rule, ['spec', 'host'], remove);
    expect(checkCustomResource(bad, schema).causes).toEqual([
      { reason: 'FieldValueRequired', field: 'spec.host', message: 'Required value' },
    ]);
  });
});
