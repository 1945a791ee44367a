import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './json-merge-patch';

describe('applyMergePatch', () => {
  // RFC 7386 appendix A, row by row.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('RFC 7386 A: %j + %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it.each([
    [
      'kubectl patch --type merge',
      { spec: { replicas: 2, paused: true } },
      { spec: { replicas: 3 } },
      { spec: { replicas: 3, paused: true } },
    ],
    [
      'kubectl label',
      { metadata: { name: 'p2' } },
      { metadata: { labels: { x: 'y' } } },
      { metadata: { name: 'p2', labels: { x: 'y' } } },
    ],
    [
      'CRD list replaced whole',
      { spec: { http: [{ a: 1 }, { b: 2 }] } },
      { spec: { http: [{ c: 3 }] } },
      { spec: { http: [{ c: 3 }] } },
    ],
  ])('%s', (_name, target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('leaves both inputs untouched and shares nothing with them', () => {
    const target = { spec: { template: { labels: { a: '1' } } }, keep: { deep: [1] } };
    const patch = { spec: { template: { labels: { b: '2' } } } };
    const result = applyMergePatch(target, patch) as typeof target;
    expect(target).toEqual({ spec: { template: { labels: { a: '1' } } }, keep: { deep: [1] } });
    expect(result.keep).not.toBe(target.keep);
    expect(result.keep.deep).not.toBe(target.keep.deep);
  });
});
