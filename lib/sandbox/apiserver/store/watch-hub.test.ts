import { describe, expect, it } from 'vitest';
import type { StoreEvent } from './stored-object';
import { WatchHub } from './watch-hub';

const event = (rv: number): StoreEvent => ({
  type: 'ADDED',
  rv,
  storageKey: 'v1/configmaps',
  namespace: 'a',
  name: `cm-${rv}`,
  object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${rv}`, namespace: 'a' } },
});
const subscriber = (namespace = '') => ({
  storageKey: 'v1/configmaps',
  namespace,
  deliver: () => undefined,
});

describe('WatchHub history', () => {
  it('keeps at least `capacity` events to resume from, and answers older ones with 410', async () => {
    const hub = new WatchHub(0, 8);
    for (let rv = 1; rv <= 100; rv++) hub.publish([event(rv)]);
    await new Promise((resolve) => setImmediate(resolve));
    // The last 8 events can always be replayed.
    const replay = hub.subscribe(subscriber(), 92);
    expect(replay.map((e) => e.rv)).toEqual([93, 94, 95, 96, 97, 98, 99, 100]);
    expect(() => hub.subscribe(subscriber(), 50)).toThrow(/too old resource version: 50/);
  });

  it('replays exactly the events after the version asked for, whatever was trimmed', async () => {
    const hub = new WatchHub(0, 4);
    for (let rv = 1; rv <= 13; rv++) hub.publish([event(rv)]);
    await new Promise((resolve) => setImmediate(resolve));
    for (let from = 9; from <= 13; from++) {
      expect(hub.subscribe(subscriber(), from).map((e) => e.rv)).toEqual(
        Array.from({ length: 13 - from }, (_, i) => from + 1 + i),
      );
    }
  });
});
