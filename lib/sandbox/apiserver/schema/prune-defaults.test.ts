import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaults';
import type { JsonSchemaProps } from './json-schema-props';
import { pruneUnknownFields, strictDecodingMessage } from './prune';

const schema: JsonSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer', default: 1 },
        mode: { type: 'string', default: 'Canary' },
        note: { type: 'string', nullable: true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        extra: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { known: { type: 'object', properties: { a: { type: 'string' } } } },
        },
        steps: {
          type: 'array',
          items: { type: 'object', properties: { weight: { type: 'integer', default: 0 } } },
        },
      },
    },
  },
};

describe('pruneUnknownFields', () => {
  it.each([
    [
      'keeps apiVersion, kind and metadata at the root',
      { apiVersion: 'a/v1', kind: 'K', metadata: { name: 'x' } },
      { apiVersion: 'a/v1', kind: 'K', metadata: { name: 'x' } },
      [],
    ],
    ['drops an unknown root field', { status2: 1 }, {}, ['status2']],
    [
      'drops unknown fields in items',
      { spec: { steps: [{ weight: 1, pause: true }] } },
      { spec: { steps: [{ weight: 1 }] } },
      ['spec.steps[0].pause'],
    ],
    [
      'keeps map entries',
      { spec: { labels: { app: 'web' } } },
      { spec: { labels: { app: 'web' } } },
      [],
    ],
    [
      'keeps unknowns under preserve-unknown-fields but prunes known children',
      { spec: { extra: { anything: 1, known: { a: 'x', b: 'y' } } } },
      { spec: { extra: { anything: 1, known: { a: 'x' } } } },
      ['spec.extra.known.b'],
    ],
    [
      'removes non-nullable nulls without defaults, keeps nullable ones',
      { spec: { labels: null, note: null } },
      { spec: { note: null } },
      [],
    ],
  ])('%s', (_label, input, pruned, unknownPaths) => {
    const result = pruneUnknownFields(input, schema);
    expect(result.pruned).toEqual(pruned);
    expect(result.unknownPaths).toEqual(unknownPaths);
  });

  it('does not modify its input', () => {
    const input = { spec: { foo: 1 } };
    pruneUnknownFields(input, schema);
    expect(input).toEqual({ spec: { foo: 1 } });
  });

  it('words the Strict error as kube-apiserver does', () => {
    expect(strictDecodingMessage(['spec.foo', 'spec.bar'])).toBe(
      'strict decoding error: unknown field "spec.foo", unknown field "spec.bar"',
    );
  });
});

describe('applyDefaults', () => {
  it.each([
    ['fills absent fields', { spec: {} }, { spec: { replicas: 1, mode: 'Canary' } }],
    ['keeps given values', { spec: { replicas: 3 } }, { spec: { replicas: 3, mode: 'Canary' } }],
    [
      'replaces a non-nullable null',
      { spec: { replicas: null } },
      { spec: { replicas: 1, mode: 'Canary' } },
    ],
    [
      'defaults inside items',
      { spec: { steps: [{}, { weight: 5 }] } },
      { spec: { replicas: 1, mode: 'Canary', steps: [{ weight: 0 }, { weight: 5 }] } },
    ],
    ['leaves an absent parent absent', {}, {}],
  ])('%s', (_label, input, expected) => {
    expect(applyDefaults(input, schema)).toEqual(expected);
  });
});
