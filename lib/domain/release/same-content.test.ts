import { describe, expect, it } from 'vitest';
import { releaseRecordAnnotation } from './names';
import { sameWrittenContent } from './same-content';

const record = {
  'reviews-canary': { http: [{ index: 0, route: [{ destination: { host: 'reviews' } }] }] },
};
const object = (annotations?: Record<string, string>, spec: unknown = { host: 'reviews' }) => ({
  spec,
  metadata: annotations ? { annotations } : {},
});

describe('sameWrittenContent', () => {
  it.each<[string, ReturnType<typeof object>, ReturnType<typeof object>, boolean]>([
    ['the same', object(), object(), true],
    [
      'spec keys in another order',
      object({}, { a: 1, b: { c: 1, d: 2 } }),
      object({}, { b: { d: 2, c: 1 }, a: 1 }),
      true,
    ],
    ['a spec change', object({}, { host: 'reviews' }), object({}, { host: 'ratings' }), false],
    ['no annotations and an empty map', object(undefined), object({}), true],
    [
      'the release record re-encoded (keys reordered, spaces)',
      object({ [releaseRecordAnnotation]: JSON.stringify(record) }),
      object({
        [releaseRecordAnnotation]:
          '{ "reviews-canary": { "http": [ { "route": [ { "destination": { "host": "reviews" } } ], "index": 0 } ] } }',
      }),
      true,
    ],
    [
      'a record that says something else',
      object({ [releaseRecordAnnotation]: JSON.stringify(record) }),
      object({
        [releaseRecordAnnotation]: JSON.stringify({ 'reviews-canary': { subsets: ['v2'] } }),
      }),
      false,
    ],
    [
      'a record that is not JSON',
      object({ [releaseRecordAnnotation]: '{' }),
      object({ [releaseRecordAnnotation]: '{ ' }),
      false,
    ],
    [
      'another annotation is text, compared as text',
      object({ note: '{"a":1,"b":2}' }),
      object({ note: '{"b":2,"a":1}' }),
      false,
    ],
    ['an annotation added', object({}), object({ note: 'x' }), false],
  ])('%s', (_name, a, b, expected) => {
    expect(sameWrittenContent(a, b)).toBe(expected);
    expect(sameWrittenContent(b, a)).toBe(expected);
  });
});
