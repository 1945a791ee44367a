import { describe, expect, it } from 'vitest';
import { ObjectCache, olderVersion } from './object-cache';

const obj = (namespace: string, name: string, resourceVersion: string, v = '') => ({
  metadata: { namespace, name, resourceVersion },
  v,
});

describe('olderVersion', () => {
  it.each([
    ['9', '10', true],
    ['10', '9', false],
    ['10', '10', false],
    ['123', '124', true],
    ['abc', '1', false],
    [undefined, '1', false],
  ])('%s older than %s: %s', (a, b, expected) => {
    expect(olderVersion(a, b)).toBe(expected);
  });
});

describe('ObjectCache', () => {
  it('keeps the newest version: an older event after a noted write changes nothing', () => {
    const cache = new ObjectCache<ReturnType<typeof obj>>();
    expect(cache.upsert(obj('a', 'x', '5', 'first'))).toEqual({ type: 'ADDED' });
    expect(cache.upsert(obj('a', 'x', '7', 'written'))).toEqual({
      type: 'MODIFIED',
      previous: obj('a', 'x', '5', 'first'),
    });
    expect(cache.upsert(obj('a', 'x', '6', 'late event'))).toBeUndefined();
    expect(cache.upsert(obj('a', 'x', '7', 'its own event'))).toBeUndefined();
    expect(cache.get('a', 'x')?.v).toBe('written');
  });

  it('lists by namespace or all, and forgets removed objects', () => {
    const cache = new ObjectCache<ReturnType<typeof obj>>();
    cache.upsert(obj('a', 'x', '1'));
    cache.upsert(obj('b', 'y', '2'));
    cache.upsert(obj('', 'cluster-wide', '3'));
    expect(cache.list('a').map((o) => o.metadata.name)).toEqual(['x']);
    expect(cache.list().length).toBe(3);
    expect(cache.remove(obj('a', 'x', '4'))).toBe(true);
    expect(cache.remove(obj('a', 'x', '4'))).toBe(false);
    expect(cache.list('a')).toEqual([]);
    expect(cache.size).toBe(2);
  });

  it('replace: a fresh list wins, and the differences come back as changes', () => {
    const cache = new ObjectCache<ReturnType<typeof obj>>();
    cache.upsert(obj('a', 'same', '1'));
    cache.upsert(obj('a', 'changed', '2'));
    cache.upsert(obj('a', 'gone', '3'));
    cache.upsert(obj('a', 'noted-then-deleted', '9'));
    const changes = cache.replace([
      obj('a', 'same', '1'),
      obj('a', 'changed', '5'),
      obj('a', 'new', '6'),
      obj('a', 'noted-then-deleted', '8'),
    ]);
    expect(changes.map((c) => `${c.type} ${c.object.metadata.name}`)).toEqual([
      'MODIFIED changed',
      'ADDED new',
      'MODIFIED noted-then-deleted',
      'DELETED gone',
    ]);
    expect(cache.get('a', 'noted-then-deleted')?.metadata.resourceVersion).toBe('8');
  });
});
