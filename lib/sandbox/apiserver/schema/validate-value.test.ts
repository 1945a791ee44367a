import { describe, expect, it } from 'vitest';
import type { JsonSchemaProps } from './json-schema-props';
import { validateAgainstSchema } from './validate-against-schema';

const at = (schema: JsonSchemaProps): JsonSchemaProps => ({
  type: 'object',
  properties: { spec: { type: 'object', properties: { x: schema } } },
});

describe('validateAgainstSchema: one field at spec.x', () => {
  it.each<[string, JsonSchemaProps, unknown, { reason: string; field: string; message: string }[]]>(
    [
      ['an integer', { type: 'integer' }, 3, []],
      ['1.0 as an integer', { type: 'integer' }, 1.0, []],
      [
        '1.5 as an integer',
        { type: 'integer' },
        1.5,
        [
          {
            reason: 'FieldValueTypeInvalid',
            field: 'spec.x',
            message: 'Invalid value: "number": spec.x in body must be of type integer: "number"',
          },
        ],
      ],
      [
        'a string as an integer',
        { type: 'integer' },
        'string',
        [
          {
            reason: 'FieldValueTypeInvalid',
            field: 'spec.x',
            message: 'Invalid value: "string": spec.x in body must be of type integer: "string"',
          },
        ],
      ],
      ['an integer as a number', { type: 'number' }, 2, []],
      [
        'a boolean as a string',
        { type: 'string' },
        true,
        [
          {
            reason: 'FieldValueTypeInvalid',
            field: 'spec.x',
            message: 'Invalid value: "boolean": spec.x in body must be of type string: "boolean"',
          },
        ],
      ],
      [
        'null, not nullable',
        { type: 'string' },
        null,
        [
          {
            reason: 'FieldValueTypeInvalid',
            field: 'spec.x',
            message: 'Invalid value: "null": spec.x in body must be of type string: "null"',
          },
        ],
      ],
      ['null, nullable', { type: 'string', nullable: true }, null, []],
      [
        'int32 overflow',
        { type: 'integer', format: 'int32' },
        2 ** 31,
        [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.x',
            message:
              'Invalid value: 2147483648: spec.x in body should be less than or equal to 2147483647',
          },
        ],
      ],
      ['int-or-string with an int', { 'x-kubernetes-int-or-string': true }, 8080, []],
      ['int-or-string with a string', { 'x-kubernetes-int-or-string': true }, 'http', []],
      [
        'int-or-string with a bool',
        { 'x-kubernetes-int-or-string': true },
        false,
        [
          {
            reason: 'FieldValueTypeInvalid',
            field: 'spec.x',
            message:
              'Invalid value: "boolean": spec.x in body must be of type integer,string: "boolean"',
          },
        ],
      ],
      ['an enum value', { type: 'string', enum: ['a', 'b'] }, 'b', []],
      [
        'an unknown enum value',
        { type: 'string', enum: ['a', 'b'] },
        'c',
        [
          {
            reason: 'FieldValueNotSupported',
            field: 'spec.x',
            message: 'Unsupported value: "c": supported values: "a", "b"',
          },
        ],
      ],
      [
        'a pattern searched anywhere (Go MatchString)',
        { type: 'string', pattern: '[0-9]' },
        'v1',
        [],
      ],
      [
        'an anchored pattern',
        { type: 'string', pattern: '^v[0-9]+$' },
        'v1x',
        [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.x',
            message: 'Invalid value: "v1x": spec.x in body should match \'^v[0-9]+$\'',
          },
        ],
      ],
      ['maxLength in characters', { type: 'string', maxLength: 3 }, 'héé', []],
      [
        'over maxLength',
        { type: 'string', maxLength: 3 },
        'abcd',
        [{ reason: 'FieldValueTooLong', field: 'spec.x', message: 'Too long: value is too long' }],
      ],
      [
        'under minLength',
        { type: 'string', minLength: 1 },
        '',
        [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.x',
            message: 'Invalid value: "": spec.x in body should be at least 1 chars long',
          },
        ],
      ],
      [
        'under minimum',
        { type: 'integer', minimum: 0 },
        -1,
        [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.x',
            message: 'Invalid value: -1: spec.x in body should be greater than or equal to 0',
          },
        ],
      ],
      [
        'at an exclusive maximum',
        { type: 'number', maximum: 100, exclusiveMaximum: true },
        100,
        [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.x',
            message: 'Invalid value: 100: spec.x in body should be less than 100',
          },
        ],
      ],
      [
        'not a multiple',
        { type: 'integer', multipleOf: 5 },
        7,
        [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.x',
            message: 'Invalid value: 7: spec.x in body should be a multiple of 5',
          },
        ],
      ],
      [
        'too few items',
        { type: 'array', items: { type: 'string' }, minItems: 1 },
        [],
        [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.x',
            message: 'Invalid value: 0: spec.x in body should have at least 1 items',
          },
        ],
      ],
      [
        'too many items',
        { type: 'array', items: { type: 'string' }, maxItems: 1 },
        ['a', 'b'],
        [
          {
            reason: 'FieldValueTooMany',
            field: 'spec.x',
            message: 'Too many: 2: has too many items',
          },
        ],
      ],
      [
        'duplicate items',
        { type: 'array', items: { type: 'string' }, uniqueItems: true },
        ['a', 'a'],
        [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.x',
            message: 'Invalid value: "": spec.x in body shouldn\'t contain duplicates',
          },
        ],
      ],
      [
        'an item of the wrong type',
        { type: 'array', items: { type: 'string' } },
        ['a', 2],
        [
          {
            reason: 'FieldValueTypeInvalid',
            field: 'spec.x[1]',
            message:
              'Invalid value: "integer": spec.x[1] in body must be of type string: "integer"',
          },
        ],
      ],
      [
        'a map value of the wrong type',
        { type: 'object', additionalProperties: { type: 'string' } },
        { a: 1 },
        [
          {
            reason: 'FieldValueTypeInvalid',
            field: 'spec.x.a',
            message: 'Invalid value: "integer": spec.x.a in body must be of type string: "integer"',
          },
        ],
      ],
      [
        'too many properties',
        { type: 'object', maxProperties: 1, additionalProperties: { type: 'string' } },
        { a: 'x', b: 'y' },
        [
          {
            reason: 'FieldValueTooMany',
            field: 'spec.x',
            message: 'Too many: 2: has too many items',
          },
        ],
      ],
      [
        'a required property',
        { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
        {},
        [{ reason: 'FieldValueRequired', field: 'spec.x.name', message: 'Required value' }],
      ],
      ['a date-time', { type: 'string', format: 'date-time' }, '2026-11-26T11:58:15.000Z', []],
      [
        'a bad date-time',
        { type: 'string', format: 'date-time' },
        'yesterday',
        [
          {
            reason: 'FieldValueTypeInvalid',
            field: 'spec.x',
            message:
              'Invalid value: "yesterday": spec.x in body must be of type date-time: "yesterday"',
          },
        ],
      ],
      [
        'anyOf with no match',
        { anyOf: [{ type: 'integer' }, { type: 'string' }] },
        true,
        [
          {
            reason: 'FieldValueInvalid',
            field: '<nil>',
            message: 'Invalid value: "": "spec.x" must validate at least one schema (anyOf)',
          },
          {
            reason: 'FieldValueTypeInvalid',
            field: 'spec.x',
            message: 'Invalid value: "boolean": spec.x in body must be of type integer: "boolean"',
          },
        ],
      ],
      [
        'not',
        { type: 'object', not: { required: ['a'] } },
        { a: 1 },
        [
          {
            reason: 'FieldValueInvalid',
            field: '<nil>',
            message: 'Invalid value: "": "spec.x" must not validate the schema (not)',
          },
        ],
      ],
      [
        'a set with duplicates',
        { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        ['a', 'b', 'a'],
        [{ reason: 'FieldValueDuplicate', field: 'spec.x[2]', message: 'Duplicate value: "a"' }],
      ],
      [
        'a map list with a duplicate key',
        {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' }, port: { type: 'integer' } },
          },
        },
        [
          { name: 'http', port: 80 },
          { name: 'http', port: 81 },
        ],
        [
          {
            reason: 'FieldValueDuplicate',
            field: 'spec.x[1]',
            message: 'Duplicate value: map[string]interface {}{"name":"http"}',
          },
        ],
      ],
      [
        'an embedded resource without kind',
        {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          'x-kubernetes-preserve-unknown-fields': true,
        },
        { apiVersion: 'v1' },
        [
          {
            reason: 'FieldValueRequired',
            field: 'spec.x.kind',
            message: 'Required value: must not be empty',
          },
        ],
      ],
    ],
  )('%s', (_label, schema, value, causes) => {
    expect(validateAgainstSchema({ spec: { x: value } }, at(schema))).toEqual(causes);
  });
});
