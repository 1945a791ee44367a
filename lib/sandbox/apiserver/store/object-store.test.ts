import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { ObjectStore } from './object-store';

const key = 'networking.istio.io/virtualservices';
const put = (namespace: string, name: string) => ({
  type: 'put' as const,
  storageKey: key,
  object: { apiVersion: 'v1', kind: 'X', metadata: { namespace, name } } as KubeObject,
});
const names = (store: ObjectStore, namespace: string) =>
  store.list(key, namespace).map((s) => `${s.namespace}/${s.name}`);

describe('ObjectStore', () => {
  const dirs: string[] = [];
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'aviary-store-'));
    dirs.push(dir);
    return { path: join(dir, 'store.db'), store: new ObjectStore(join(dir, 'store.db')) };
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('lists one namespace by name, and all namespaces by namespace then name', () => {
    const { store } = open();
    store.commit([put('b', 'z'), put('a', 'y'), put('b', 'a'), put('a', 'b'), put('ab', 'c')]);
    expect(names(store, 'b')).toEqual(['b/a', 'b/z']);
    expect(names(store, 'a')).toEqual(['a/b', 'a/y']);
    expect(names(store, '')).toEqual(['a/b', 'a/y', 'ab/c', 'b/a', 'b/z']);
    expect(names(store, 'none')).toEqual([]);
    expect(store.list('other/kind', '')).toEqual([]);
    store.close();
  });

  it('forgets deleted objects and empty namespaces, and reads the same lists after a restart', () => {
    const { store, path } = open();
    store.commit([put('a', 'x'), put('b', 'x'), put('b', 'y')]);
    store.commit([
      { type: 'delete', storageKey: key, namespace: 'a', name: 'x' },
      { type: 'delete', storageKey: key, namespace: 'b', name: 'x' },
    ]);
    expect(names(store, '')).toEqual(['b/y']);
    expect(store.get(key, 'a', 'x')).toBeUndefined();
    expect(store.size()).toBe(1);
    const rv = store.currentRv();
    store.close();
    const reopened = new ObjectStore(path);
    expect(names(reopened, '')).toEqual(['b/y']);
    expect(reopened.get(key, 'b', 'y')?.object.metadata.resourceVersion).toBe('3');
    expect(reopened.currentRv()).toBe(rv);
    reopened.close();
  });
});
