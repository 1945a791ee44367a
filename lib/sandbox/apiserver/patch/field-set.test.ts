import { describe, expect, it } from 'vitest';
import { fieldSetFromFieldsV1, fieldSetOf, fieldSetToFieldsV1, pathKey } from './field-set';
import { compareFields } from './object-fields';

describe('pathKey', () => {
  it('gives equal paths one key and different paths different keys, odd field names included', () => {
    const paths = [
      [],
      ['f:a'],
      ['f:a', 'f:b'],
      ['f:a\u0001f:b'],
      ['f:a', 'f:b\u0001'],
      ['f:a\u0001', 'f:b'],
      ['f:spec', 'k:{"name":"web"}', 'f:image'],
      ['['],
    ];
    const keys = paths.map(pathKey);
    expect(new Set(keys).size).toBe(paths.length);
    expect(pathKey(['f:a', 'f:b'])).toBe(pathKey(['f:a', 'f:b']));
    expect(fieldSetOf([['f:x'], ['f:x']]).size).toBe(1);
  });

  it('keeps a field whose name holds U+0001 apart in FieldsV1 and comparisons', () => {
    const odd = { data: { 'a\u0001f:b': '1', a: { b: '2' } } };
    const comparison = compareFields({}, odd, undefined);
    expect(comparison.added.map((p) => p.join('/'))).toEqual([
      'f:data/f:a\u0001f:b',
      'f:data/f:a',
      'f:data/f:a/f:b',
    ]);
    const set = fieldSetOf(comparison.added);
    expect(fieldSetFromFieldsV1(fieldSetToFieldsV1(set)).size).toBe(set.size);
  });
});
