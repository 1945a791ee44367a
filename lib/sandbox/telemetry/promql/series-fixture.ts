import { createRegistry, registerCounter, type CounterFamily } from '../metrics/registry';
import { SampleStore } from '../metrics/sample-store';

/** One series of a fixture: metric name, labels, and one value per scrape (undefined: absent). */
export interface FixtureSeries {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly values: ReadonlyArray<number | undefined>;
}

/**
 * A store loaded the way promtool's `input_series` loads Prometheus: scrape i at
 * `startMs + i * intervalMs`, each series present with its value or absent. A series that
 * disappears after being present gets a staleness marker, as from a real scrape.
 */
export function storeFromSeries(
  series: readonly FixtureSeries[],
  intervalMs: number,
  startMs = 0,
): SampleStore {
  const registry = createRegistry();
  const families = new Map<string, CounterFamily>();
  for (const s of series) {
    if (!families.has(s.name)) {
      const labelNames = [
        ...new Set(
          series.filter((o) => o.name === s.name).flatMap((o) => Object.keys(o.labels ?? {})),
        ),
      ];
      families.set(s.name, registerCounter(registry, { name: s.name, help: s.name, labelNames }));
    }
  }
  const store = new SampleStore({ retentionMs: Number.MAX_SAFE_INTEGER });
  const scrapes = Math.max(...series.map((s) => s.values.length));
  for (let i = 0; i < scrapes; i++) {
    for (const s of series) {
      const family = families.get(s.name) as CounterFamily;
      const labelValues = family.definition.labelNames.map((n) => s.labels?.[n] ?? '');
      const key = labelValues.join('\u0000');
      const value = s.values[i];
      // Values are set, not added: fixtures spell out counter resets explicitly.
      if (value === undefined) family.children.delete(key);
      else family.children.set(key, { key, labelValues, value });
    }
    store.scrape(registry, startMs + i * intervalMs);
  }
  return store;
}
