/**
 * The sandbox sidecars' metrics: counters and histograms keyed by label set, updated on every
 * request. A label set is found through a Map keyed by its values joined in the metric's declared
 * label order, so an update costs one join and one lookup (or none through a bound child).
 */

/** A counter's or histogram's static description. */
export interface MetricDefinition {
  readonly name: string;
  readonly help: string;
  /** Label names in the order the exposition writes them (Envoy keeps its tag order). */
  readonly labelNames: readonly string[];
}

/** A histogram's description: upper bounds of its finite buckets, ascending (`+Inf` is implicit). */
export interface HistogramDefinition extends MetricDefinition {
  readonly buckets: readonly number[];
}

/** Label values by name; names the metric does not declare are ignored, missing ones are "". */
export type LabelValues = Readonly<Record<string, string>>;

/** One label set of a counter. */
export interface CounterChild {
  readonly key: string;
  readonly labelValues: readonly string[];
  value: number;
}

/** One label set of a histogram: per-bucket (not cumulative) counts, the last one for `+Inf`. */
export interface HistogramChild {
  readonly key: string;
  readonly labelValues: readonly string[];
  readonly bucketCounts: Float64Array;
  sum: number;
  count: number;
}

export interface CounterFamily {
  readonly type: 'counter';
  readonly definition: MetricDefinition;
  readonly children: Map<string, CounterChild>;
}

export interface HistogramFamily {
  readonly type: 'histogram';
  readonly definition: HistogramDefinition;
  readonly children: Map<string, HistogramChild>;
}

export type MetricFamily = CounterFamily | HistogramFamily;

/** All metric families of one process, in registration order (the exposition's order). */
export interface MetricsRegistry {
  readonly families: Map<string, MetricFamily>;
}

/** An empty registry. */
export function createRegistry(): MetricsRegistry {
  return { families: new Map() };
}

const KEY_SEPARATOR = '\u0000';

function valuesOf(definition: MetricDefinition, labels: LabelValues): string[] {
  return definition.labelNames.map((name) => labels[name] ?? '');
}

function assertNewFamily(registry: MetricsRegistry, name: string): void {
  if (registry.families.has(name)) throw new Error(`metric ${name} is already registered`);
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`invalid metric name ${name}`);
}

/** Registers a counter; a name may be registered once. */
export function registerCounter(
  registry: MetricsRegistry,
  definition: MetricDefinition,
): CounterFamily {
  assertNewFamily(registry, definition.name);
  const family: CounterFamily = { type: 'counter', definition, children: new Map() };
  registry.families.set(definition.name, family);
  return family;
}

/** Registers a histogram; its buckets must be finite and strictly ascending. */
export function registerHistogram(
  registry: MetricsRegistry,
  definition: HistogramDefinition,
): HistogramFamily {
  assertNewFamily(registry, definition.name);
  const ascending = definition.buckets.every(
    (b, i, all) => Number.isFinite(b) && (i === 0 || b > (all[i - 1] as number)),
  );
  if (!ascending)
    throw new Error(`histogram ${definition.name}: buckets must be finite and ascending`);
  const family: HistogramFamily = { type: 'histogram', definition, children: new Map() };
  registry.families.set(definition.name, family);
  return family;
}

/** The child of a label set, created at zero on first use. Hold it to update without lookups. */
export function counterChild(family: CounterFamily, labels: LabelValues): CounterChild {
  const labelValues = valuesOf(family.definition, labels);
  const key = labelValues.join(KEY_SEPARATOR);
  let child = family.children.get(key);
  if (!child) {
    child = { key, labelValues, value: 0 };
    family.children.set(key, child);
  }
  return child;
}

/** Adds `amount` (>= 0: counters only go up) to the counter of a label set. */
export function incrementCounter(family: CounterFamily, labels: LabelValues, amount = 1): void {
  if (!(amount >= 0)) throw new Error(`counter ${family.definition.name}: cannot add ${amount}`);
  counterChild(family, labels).value += amount;
}

/** The child of a label set, created empty on first use. */
export function histogramChild(family: HistogramFamily, labels: LabelValues): HistogramChild {
  const labelValues = valuesOf(family.definition, labels);
  const key = labelValues.join(KEY_SEPARATOR);
  let child = family.children.get(key);
  if (!child) {
    child = {
      key,
      labelValues,
      bucketCounts: new Float64Array(family.definition.buckets.length + 1),
      sum: 0,
      count: 0,
    };
    family.children.set(key, child);
  }
  return child;
}

/** Index of the first bucket whose upper bound is >= value (`le` is inclusive), by bisection. */
function bucketIndex(buckets: readonly number[], value: number): number {
  let lo = 0;
  let hi = buckets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((buckets[mid] as number) >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Records one observation in a histogram child. NaN lands in `+Inf` only, as in client_golang. */
export function observeChild(family: HistogramFamily, child: HistogramChild, value: number): void {
  const index = Number.isNaN(value)
    ? family.definition.buckets.length
    : bucketIndex(family.definition.buckets, value);
  child.bucketCounts[index] = (child.bucketCounts[index] ?? 0) + 1;
  child.sum += value;
  child.count++;
}

/** Records one observation in the histogram of a label set. */
export function observeHistogram(
  family: HistogramFamily,
  labels: LabelValues,
  value: number,
): void {
  observeChild(family, histogramChild(family, labels), value);
}
