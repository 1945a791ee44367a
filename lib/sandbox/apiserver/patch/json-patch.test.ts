import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { applyJsonPatch } from './json-patch';

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('applyJsonPatch', () => {
  // RFC 6902 appendix A examples that succeed.
  it.each([
    [
      'A.1 add an object member',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz', value: 'qux' }],
      { baz: 'qux', foo: 'bar' },
    ],
    [
      'A.2 add an array element',
      { foo: ['bar', 'baz'] },
      [{ op: 'add', path: '/foo/1', value: 'qux' }],
      { foo: ['bar', 'qux', 'baz'] },
    ],
    [
      'A.3 remove an object member',
      { baz: 'qux', foo: 'bar' },
      [{ op: 'remove', path: '/baz' }],
      { foo: 'bar' },
    ],
    [
      'A.4 remove an array element',
      { foo: ['bar', 'qux', 'baz'] },
      [{ op: 'remove', path: '/foo/1' }],
      { foo: ['bar', 'baz'] },
    ],
    [
      'A.5 replace a value',
      { baz: 'qux', foo: 'bar' },
      [{ op: 'replace', path: '/baz', value: 'boo' }],
      { baz: 'boo', foo: 'bar' },
    ],
    [
      'A.6 move a value',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    [
      'A.7 move an array element',
      { foo: ['all', 'grass', 'cows', 'eat'] },
      [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
      { foo: ['all', 'cows', 'eat', 'grass'] },
    ],
    [
      'A.8 test a value: success',
      { baz: 'qux', foo: ['a', 2, 'c'] },
      [
        { op: 'test', path: '/baz', value: 'qux' },
        { op: 'test', path: '/foo/1', value: 2 },
      ],
      { baz: 'qux', foo: ['a', 2, 'c'] },
    ],
    [
      'A.10 add a nested member object',
      { foo: 'bar' },
      [{ op: 'add', path: '/child', value: { grandchild: {} } }],
      { foo: 'bar', child: { grandchild: {} } },
    ],
    [
      'A.11 ignore unrecognized elements',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
      { foo: 'bar', baz: 'qux' },
    ],
    [
      'A.14 ~ escape ordering',
      { '/': 9, '~1': 10 },
      [{ op: 'test', path: '/~01', value: 10 }],
      { '/': 9, '~1': 10 },
    ],
    [
      'A.16 add an array value',
      { foo: ['bar'] },
      [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
      { foo: ['bar', ['abc', 'def']] },
    ],
    [
      '~1 addresses a key with a slash',
      { metadata: { labels: { 'app.kubernetes.io/name': 'x' } } },
      [{ op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'y' }],
      { metadata: { labels: { 'app.kubernetes.io/name': 'y' } } },
    ],
    [
      'copy a value',
      { a: { b: [1] } },
      [{ op: 'copy', from: '/a/b', path: '/c' }],
      { a: { b: [1] }, c: [1] },
    ],
    [
      'add at the root replaces the document',
      { a: 1 },
      [{ op: 'add', path: '', value: { b: 2 } }],
      { b: 2 },
    ],
    [
      'add with a null value',
      { a: 1 },
      [{ op: 'add', path: '/b', value: null }],
      { a: 1, b: null },
    ],
    [
      'test compares objects regardless of member order',
      { a: { x: 1, y: 2 } },
      [{ op: 'test', path: '/a', value: { y: 2, x: 1 } }],
      { a: { x: 1, y: 2 } },
    ],
    [
      'client-node scale',
      { spec: { replicas: 1 } },
      [{ op: 'replace', path: '/spec/replicas', value: 3 }],
      { spec: { replicas: 3 } },
    ],
  ])('%s', (_name, document, patch, expected) => {
    expect(applyJsonPatch(document, patch)).toEqual(expected);
  });

  // A well-formed patch that does not fit the object: 422 Invalid, as kube-apiserver answers.
  it.each([
    ['A.9 test a value: error', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]],
    [
      'A.12 add to a nonexistent target',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz/bat', value: 'qux' }],
    ],
    [
      'A.15 comparing strings and numbers',
      { '/': 9, '~1': 10 },
      [{ op: 'test', path: '/~01', value: '10' }],
    ],
    ['remove a missing member', { a: 1 }, [{ op: 'remove', path: '/b' }]],
    ['replace a missing member', { a: 1 }, [{ op: 'replace', path: '/b', value: 2 }]],
    ['array index past the end', { a: [1] }, [{ op: 'add', path: '/a/2', value: 2 }]],
    ['array index with a leading zero', { a: [1, 2] }, [{ op: 'remove', path: '/a/01' }]],
    ['move into its own child', { a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]],
  ])('%s -> 422', (_name, document, patch) => {
    const error = failure(() => applyJsonPatch(document, patch));
    expect(error.code).toBe(422);
    expect(error.reason).toBe('Invalid');
    expect(error.message).toBe('the server rejected our request due to an error in our request');
    expect(error.details?.causes?.[0]?.reason).toBe('UnexpectedServerResponse');
  });

  // A body that is not a list of operations is malformed: 400 BadRequest.
  it.each([
    ['an object instead of an array', { op: 'add', path: '/a', value: 1 }],
    ['an unknown op', [{ op: 'frobnicate', path: '/a' }]],
    ['add without a value', [{ op: 'add', path: '/a' }]],
    ['move without from', [{ op: 'move', path: '/a' }]],
    ['a path without a leading slash', [{ op: 'remove', path: 'a' }]],
    ['a bad ~ escape', [{ op: 'remove', path: '/a~2' }]],
    ['an element that is not an object', ['remove /a']],
  ])('%s -> 400', (_name, patch) => {
    const error = failure(() => applyJsonPatch({ a: 1 }, patch));
    expect(error.code).toBe(400);
    expect(error.reason).toBe('BadRequest');
  });

  it('is all-or-nothing and never touches its input', () => {
    const document = { a: [1, 2], b: { c: 1 } };
    expect(() =>
      applyJsonPatch(document, [
        { op: 'remove', path: '/a/0' },
        { op: 'test', path: '/b/c', value: 2 },
      ]),
    ).toThrow(ApiError);
    expect(document).toEqual({ a: [1, 2], b: { c: 1 } });
  });
});
