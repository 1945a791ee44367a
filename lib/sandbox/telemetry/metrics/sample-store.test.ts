import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../promql/label-matchers';
import {
  createRegistry,
  histogramChild,
  incrementCounter,
  observeChild,
  registerCounter,
  registerHistogram,
} from './registry';
import { createSampleBuffer, SampleStore } from './sample-store';

function counterStore(retentionMs: number) {
  const registry = createRegistry();
  const family = registerCounter(registry, { name: 'c', help: '', labelNames: ['k', 'empty'] });
  const store = new SampleStore({ retentionMs });
  return { registry, family, store };
}

describe('SampleStore', () => {
  it('stores one series per counter and per histogram bucket, _sum and _count, without empty labels', () => {
    const registry = createRegistry();
    const counter = registerCounter(registry, { name: 'c', help: '', labelNames: ['k', 'empty'] });
    const histogram = registerHistogram(registry, {
      name: 'h',
      help: '',
      labelNames: ['k'],
      buckets: [1, 10],
    });
    incrementCounter(counter, { k: 'a', empty: '' });
    observeChild(histogram, histogramChild(histogram, { k: 'a' }), 5);
    const store = new SampleStore();
    store.scrape(registry, 1000);
    expect(store.seriesCount).toBe(6);
    expect(store.select([compileMatcher('__name__', '=', 'c')]).map((s) => s.labels)).toEqual([
      { __name__: 'c', k: 'a' },
    ]);
    const buckets = store.select([compileMatcher('__name__', '=', 'h_bucket')]);
    expect(buckets.map((s) => [s.labels.le, store.sampleAt(s, 1000, 0)?.value])).toEqual([
      ['+Inf', 1],
      ['1', 0],
      ['10', 1],
    ]);
  });

  it.each([
    // [start, end] of a range read includes both ends (Prometheus 2.x).
    [1000, 3000, [1000, 2000, 3000]],
    [1001, 2999, [2000]],
    [3500, 9000, []],
  ])('range [%d, %d] holds %o', (start, end, times) => {
    const { registry, family, store } = counterStore(60_000);
    for (const t of [1000, 2000, 3000]) {
      incrementCounter(family, { k: 'a' });
      store.scrape(registry, t);
    }
    const [series] = store.select([compileMatcher('k', '=', 'a')]);
    const buffer = store.rangeSamples(series!, start, end, createSampleBuffer(1));
    expect(Array.from(buffer.times.subarray(0, buffer.length))).toEqual(times);
  });

  it('keeps a bounded window: whole 512-scrape chunks past the retention are dropped', () => {
    const { registry, family, store } = counterStore(600_000);
    incrementCounter(family, { k: 'a' });
    for (let i = 0; i < 3000; i++) store.scrape(registry, i * 1000);
    // Retention 600 scrapes + at most one chunk of 512.
    expect(store.scrapeCount).toBeGreaterThanOrEqual(600);
    expect(store.scrapeCount).toBeLessThanOrEqual(600 + 512);
    const [series] = store.select([compileMatcher('k', '=', 'a')]);
    expect(store.sampleAt(series!, 100_000, 300_000)).toBeUndefined();
    expect(store.sampleAt(series!, 2_999_000, 0)).toEqual({ time: 2_999_000, value: 1 });
  });

  it('forgets series whose samples all expired', () => {
    const { registry, family, store } = counterStore(1000);
    incrementCounter(family, { k: 'gone' });
    store.scrape(registry, 0);
    family.children.clear();
    for (let i = 1; i < 1100; i++) store.scrape(registry, i * 1000);
    expect(store.seriesCount).toBe(0);
  });

  it('refuses scrapes that go back in time', () => {
    const { registry, store } = counterStore(1000);
    store.scrape(registry, 5000);
    expect(() => store.scrape(registry, 5000)).toThrow();
  });
});
