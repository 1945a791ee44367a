import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import type { KubeObject } from '../types';
import { applyJsonPatch } from './json-patch';
import { applyMergePatch } from './json-merge-patch';
import { patchTypeFromContentType } from './patch-type';
import { serverSideApply } from './server-side-apply';
import { applyStrategicMergePatch } from './strategic-merge-patch';

/**
 * Every patch body is attacker-controlled JSON, and JSON.parse makes "__proto__" an ordinary own
 * member. Merging it by plain property access would write into Object.prototype for the whole
 * sandbox process; these cases pin that it stays data, kept as an own member of the result.
 */
const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'demo', labels: { app: 'web' } },
  data: { mode: 'fast' },
};

const protoMember = (tag: string) => JSON.parse(`{"__proto__":{"polluted":"${tag}"}}`) as object;

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('patch bodies naming "__proto__"', () => {
  it.each<[string, () => unknown, (result: unknown) => unknown]>([
    [
      'merge patch',
      () => applyMergePatch(configMap, { metadata: { labels: protoMember('merge') } }),
      (result) => (result as KubeObject).metadata.labels,
    ],
    [
      'merge patch into a live member already called "__proto__"',
      () =>
        applyMergePatch(
          { ...configMap, data: JSON.parse('{"__proto__":{"kept":"yes"}}') },
          { data: protoMember('merge-existing') },
        ),
      (result) => (result as KubeObject).data,
    ],
    [
      'strategic merge patch',
      () =>
        applyStrategicMergePatch(
          configMap,
          { metadata: { labels: protoMember('smp') } },
          { group: '', kind: 'ConfigMap' },
        ),
      (result) => (result as KubeObject).metadata.labels,
    ],
    [
      'strategic merge patch through an atomic list',
      () =>
        applyStrategicMergePatch(
          configMap,
          { metadata: { labels: null }, extra: [protoMember('smp-list')] },
          { group: '', kind: 'ConfigMap' },
        ),
      (result) => ((result as KubeObject).extra as unknown[])[0],
    ],
    [
      'JSON patch add',
      () =>
        applyJsonPatch(configMap, [
          { op: 'add', path: '/data/__proto__', value: { polluted: 'json' } },
        ]),
      (result) => (result as KubeObject).data,
    ],
    [
      'server-side apply',
      () =>
        serverSideApply({
          live: configMap,
          intent: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'settings', labels: protoMember('apply') },
          },
          manager: 'kubectl',
          force: false,
          apiVersion: 'v1',
          now: '2026-11-26T12:00:00Z',
          kind: { group: '', kind: 'ConfigMap' },
        }),
      (result) => (result as KubeObject).metadata.labels,
    ],
  ])('%s keeps it as data and leaves Object.prototype alone', (_name, run, holder) => {
    const result = run();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const member = holder(result) as Record<string, unknown>;
    expect(Object.hasOwn(member, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(member)).toBe(Object.prototype);
    expect(member['__proto__']).toEqual(expect.objectContaining({ polluted: expect.any(String) }));
  });

  it('keeps the live "__proto__" member a merge patch merges into', () => {
    const result = applyMergePatch(
      { data: JSON.parse('{"__proto__":{"kept":"yes"}}') },
      { data: protoMember('merge-existing') },
    ) as { data: Record<string, unknown> };
    expect(result.data['__proto__']).toEqual({ kept: 'yes', polluted: 'merge-existing' });
  });

  it.each(['constructor', '__proto__', 'hasOwnProperty'])(
    'Content-Type %j is 415, not a member of Object.prototype',
    (contentType) => {
      expect(() => patchTypeFromContentType(contentType, true)).toThrow(ApiError);
    },
  );
});
