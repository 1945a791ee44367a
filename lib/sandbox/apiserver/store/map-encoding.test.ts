import { describe, expect, it } from 'vitest';
import { withSortedKeys } from './map-encoding';

describe('withSortedKeys', () => {
  it('sorts keys at every depth, keeps list order, drops undefined and leaves the input alone', () => {
    const input = {
      spec: { http: [{ route: [{ weight: 1, destination: { subset: 'v2', host: 'r' } }] }] },
      kind: 'VirtualService',
      apiVersion: 'networking.istio.io/v1',
      metadata: { name: 'r', labels: { z: '1', a: '2' }, gone: undefined },
      list: ['b', 'a', { d: null, c: 0 }],
    };
    const sorted = withSortedKeys(input);
    expect(JSON.stringify(sorted)).toBe(
      '{"apiVersion":"networking.istio.io/v1","kind":"VirtualService","list":["b","a",{"c":0,"d":null}],"metadata":{"labels":{"a":"2","z":"1"},"name":"r"},"spec":{"http":[{"route":[{"destination":{"host":"r","subset":"v2"},"weight":1}]}]}}',
    );
    expect(Object.keys(input)).toEqual(['spec', 'kind', 'apiVersion', 'metadata', 'list']);
  });

  it('keeps a member named "__proto__" as data', () => {
    const sorted = withSortedKeys(JSON.parse('{"b":1,"__proto__":{"polluted":"yes"}}') as object);
    expect(Object.keys(sorted)).toEqual(['__proto__', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
