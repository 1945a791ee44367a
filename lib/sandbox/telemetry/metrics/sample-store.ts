import { formatUpperBound } from './exposition';
import { matchesAll, type LabelMatcher } from './label-matcher';
import { compareLabels, labelsKey, METRIC_NAME_LABEL, type Labels } from './labels';
import type { MetricFamily, MetricsRegistry } from './registry';

/**
 * Recent samples of the registry, for the query API. Every scrape reads all series at one
 * timestamp, so timestamps are stored once per scrape (a sequence number `seq` indexes them) and
 * each series keeps only values, in chunks aligned on the same seq grid:
 *
 *   bytes per sample = 8 (Float64 value) + 1 (state byte) + 8 / (number of series) (shared time)
 *
 * i.e. about 9 bytes; 1,400 series (a small Bookinfo mesh) for an hour at 1 s is ~45 MB.
 * A series absent from a scrape right after being present gets a staleness marker there, as
 * Prometheus writes one when a target stops exposing a series.
 */

const CHUNK_BITS = 9;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

const ABSENT = 0;
const SAMPLE = 1;
const STALE = 2;

/** Default retention: one hour, as the brief of the sandbox's Prometheus asks. */
export const DEFAULT_RETENTION_MS = 60 * 60 * 1000;

interface SeriesChunk {
  readonly values: Float64Array;
  readonly states: Uint8Array;
}

/** One stored series. Read-only for callers; the store owns its samples. */
export interface StoredSeries {
  readonly labels: Labels;
  readonly key: string;
  /** First seq with a sample or marker, and the last one (both kept by the store). */
  firstSeq: number;
  lastSeq: number;
  readonly chunks: Map<number, SeriesChunk>;
}

/** Reusable output of a range read: the first `length` entries of `times` (ms) and `values`. */
export interface SampleBuffer {
  times: Float64Array;
  values: Float64Array;
  length: number;
}

/** An empty buffer for `rangeSamples`; it grows as needed, so one per evaluation suffices. */
export function createSampleBuffer(capacity = 1024): SampleBuffer {
  return { times: new Float64Array(capacity), values: new Float64Array(capacity), length: 0 };
}

function pushSample(buffer: SampleBuffer, time: number, value: number): void {
  if (buffer.length === buffer.times.length) {
    const times = new Float64Array(buffer.times.length * 2);
    const values = new Float64Array(buffer.times.length * 2);
    times.set(buffer.times);
    values.set(buffer.values);
    buffer.times = times;
    buffer.values = values;
  }
  buffer.times[buffer.length] = time;
  buffer.values[buffer.length] = value;
  buffer.length++;
}

/** A sample found by an instant lookup. */
export interface FoundSample {
  readonly time: number;
  readonly value: number;
}

/** The store; `scrape` is driven by the caller's clock so tests control time. */
export class SampleStore {
  readonly retentionMs: number;
  private readonly times = new Map<number, Float64Array>();
  private firstSeq = 0;
  private nextSeq = 0;
  private readonly seriesByKey = new Map<string, StoredSeries>();
  private readonly seriesByName = new Map<string, Set<StoredSeries>>();
  /** Registry child (family name + child key) -> its series (counter: 1; histogram: buckets, sum, count). */
  private readonly seriesBySource = new Map<string, StoredSeries[]>();

  constructor(options: { retentionMs?: number } = {}) {
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  }

  /** Number of series currently held. */
  get seriesCount(): number {
    return this.seriesByKey.size;
  }

  /** Number of scrapes currently held. */
  get scrapeCount(): number {
    return this.nextSeq - this.firstSeq;
  }

  /** Time of the newest scrape, or undefined before the first. */
  get newestTime(): number | undefined {
    return this.nextSeq > this.firstSeq ? this.timeOf(this.nextSeq - 1) : undefined;
  }

  /**
   * Samples every series of the registry at `timeMs`, marks series that vanished since the last
   * scrape as stale, and drops whole chunks older than the retention.
   */
  scrape(registry: MetricsRegistry, timeMs: number): void {
    const newest = this.newestTime;
    if (newest !== undefined && timeMs <= newest) {
      throw new Error(`scrape at ${timeMs} is not after the previous one at ${newest}`);
    }
    const seq = this.nextSeq++;
    this.chunkFor(this.times, seq)[seq & CHUNK_MASK] = timeMs;
    for (const family of registry.families.values()) this.scrapeFamily(family, seq);
    for (const series of this.seriesByKey.values()) {
      if (series.lastSeq === seq - 1 && stateAt(series, seq - 1) === SAMPLE)
        writeState(series, seq, STALE, NaN);
    }
    this.dropExpired(timeMs);
  }

  private scrapeFamily(family: MetricFamily, seq: number): void {
    const name = family.definition.name;
    for (const child of family.children.values()) {
      const sourceKey = `${name}\u0001${child.key}`;
      let group = this.seriesBySource.get(sourceKey);
      if (!group) {
        group = this.createGroup(family, child.labelValues);
        this.seriesBySource.set(sourceKey, group);
      }
      if (family.type === 'counter') {
        writeState(group[0] as StoredSeries, seq, SAMPLE, (child as { value: number }).value);
        continue;
      }
      const histogram = child as { bucketCounts: Float64Array; sum: number; count: number };
      let cumulative = 0;
      for (let i = 0; i < histogram.bucketCounts.length; i++) {
        cumulative += histogram.bucketCounts[i] ?? 0;
        writeState(group[i] as StoredSeries, seq, SAMPLE, cumulative);
      }
      writeState(group[histogram.bucketCounts.length] as StoredSeries, seq, SAMPLE, histogram.sum);
      writeState(
        group[histogram.bucketCounts.length + 1] as StoredSeries,
        seq,
        SAMPLE,
        histogram.count,
      );
    }
  }

  private createGroup(family: MetricFamily, labelValues: readonly string[]): StoredSeries[] {
    const base: Record<string, string> = {};
    family.definition.labelNames.forEach((labelName, i) => {
      // Prometheus drops empty-valued labels on ingestion: `{a=""}` is the same as no `a`.
      const value = labelValues[i] ?? '';
      if (value !== '') base[labelName] = value;
    });
    const name = family.definition.name;
    if (family.type === 'counter') return [this.seriesFor({ ...base, [METRIC_NAME_LABEL]: name })];
    const bounds = [...family.definition.buckets.map(formatUpperBound), '+Inf'];
    return [
      ...bounds.map((le) => this.seriesFor({ ...base, [METRIC_NAME_LABEL]: `${name}_bucket`, le })),
      this.seriesFor({ ...base, [METRIC_NAME_LABEL]: `${name}_sum` }),
      this.seriesFor({ ...base, [METRIC_NAME_LABEL]: `${name}_count` }),
    ];
  }

  private seriesFor(unsorted: Labels): StoredSeries {
    // Sorted names, as Prometheus keeps label sets: API answers list them in this order.
    const labels: Record<string, string> = {};
    for (const name of Object.keys(unsorted).sort()) labels[name] = unsorted[name] as string;
    const key = labelsKey(labels);
    let series = this.seriesByKey.get(key);
    if (!series) {
      series = { labels, key, firstSeq: -1, lastSeq: -1, chunks: new Map() };
      this.seriesByKey.set(key, series);
      const name = labels[METRIC_NAME_LABEL] ?? '';
      let named = this.seriesByName.get(name);
      if (!named) this.seriesByName.set(name, (named = new Set()));
      named.add(series);
    }
    return series;
  }

  private chunkFor(map: Map<number, Float64Array>, seq: number): Float64Array {
    let chunk = map.get(seq >> CHUNK_BITS);
    if (!chunk) map.set(seq >> CHUNK_BITS, (chunk = new Float64Array(CHUNK_SIZE)));
    return chunk;
  }

  /** Whole chunks go at once, so up to one chunk (512 scrapes) beyond the retention stays. */
  private dropExpired(nowMs: number): void {
    for (;;) {
      const chunkIndex = this.firstSeq >> CHUNK_BITS;
      const lastSeqOfChunk = ((chunkIndex + 1) << CHUNK_BITS) - 1;
      if (lastSeqOfChunk >= this.nextSeq || this.timeOf(lastSeqOfChunk) >= nowMs - this.retentionMs)
        return;
      this.times.delete(chunkIndex);
      this.firstSeq = lastSeqOfChunk + 1;
      for (const [key, series] of this.seriesByKey) {
        series.chunks.delete(chunkIndex);
        if (series.lastSeq < this.firstSeq) this.forget(key, series);
        else if (series.firstSeq < this.firstSeq) series.firstSeq = this.firstSeq;
      }
    }
  }

  private forget(key: string, series: StoredSeries): void {
    this.seriesByKey.delete(key);
    this.seriesByName.get(series.labels[METRIC_NAME_LABEL] ?? '')?.delete(series);
    for (const [sourceKey, group] of this.seriesBySource) {
      if (group.includes(series)) this.seriesBySource.delete(sourceKey);
    }
  }

  private timeOf(seq: number): number {
    return this.times.get(seq >> CHUNK_BITS)?.[seq & CHUNK_MASK] ?? NaN;
  }

  /** Largest seq whose time is <= t, or firstSeq - 1. */
  private seqAtOrBefore(t: number): number {
    let lo = this.firstSeq;
    let hi = this.nextSeq;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeOf(mid) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Smallest seq whose time is >= t, or nextSeq. */
  private seqAtOrAfter(t: number): number {
    let lo = this.firstSeq;
    let hi = this.nextSeq;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeOf(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The series whose labels satisfy every matcher, sorted by label set. An equality matcher on
   * `__name__` narrows the search to that metric's series first.
   */
  select(matchers: readonly LabelMatcher[]): StoredSeries[] {
    const byName = matchers.find((m) => m.name === METRIC_NAME_LABEL && m.op === '=');
    const candidates = byName
      ? (this.seriesByName.get(byName.value) ?? [])
      : this.seriesByKey.values();
    const found: StoredSeries[] = [];
    for (const series of candidates) if (matchesAll(series.labels, matchers)) found.push(series);
    return found.sort((a, b) => compareLabels(a.labels, b.labels));
  }

  /**
   * The newest sample at or before `refTimeMs` and no older than `refTimeMs - lookbackMs`
   * (both ends included, as Prometheus 2.x), unless a staleness marker is newer.
   */
  sampleAt(series: StoredSeries, refTimeMs: number, lookbackMs: number): FoundSample | undefined {
    const low = Math.max(this.seqAtOrAfter(refTimeMs - lookbackMs), series.firstSeq);
    for (let seq = Math.min(this.seqAtOrBefore(refTimeMs), series.lastSeq); seq >= low; seq--) {
      const chunk = series.chunks.get(seq >> CHUNK_BITS);
      const state = chunk?.states[seq & CHUNK_MASK] ?? ABSENT;
      if (state === STALE) return undefined;
      if (state === SAMPLE)
        return { time: this.timeOf(seq), value: chunk?.values[seq & CHUNK_MASK] ?? NaN };
    }
    return undefined;
  }

  /** Fills `out` with the samples in [minTimeMs, maxTimeMs] (both included, as Prometheus 2.x). */
  rangeSamples(
    series: StoredSeries,
    minTimeMs: number,
    maxTimeMs: number,
    out: SampleBuffer,
  ): SampleBuffer {
    out.length = 0;
    const last = Math.min(this.seqAtOrBefore(maxTimeMs), series.lastSeq);
    for (let seq = Math.max(this.seqAtOrAfter(minTimeMs), series.firstSeq); seq <= last;) {
      const chunkIndex = seq >> CHUNK_BITS;
      const chunk = series.chunks.get(chunkIndex);
      const chunkEnd = Math.min(last, ((chunkIndex + 1) << CHUNK_BITS) - 1);
      const times = this.times.get(chunkIndex);
      if (chunk && times) {
        for (let i = seq & CHUNK_MASK, end = chunkEnd & CHUNK_MASK; i <= end; i++) {
          if (chunk.states[i] === SAMPLE)
            pushSample(out, times[i] as number, chunk.values[i] as number);
        }
      }
      seq = chunkEnd + 1;
    }
    return out;
  }

  /** True when the series has at least one sample in [startMs, endMs]. */
  hasSamplesBetween(series: StoredSeries, startMs: number, endMs: number): boolean {
    const last = Math.min(this.seqAtOrBefore(endMs), series.lastSeq);
    for (let seq = Math.max(this.seqAtOrAfter(startMs), series.firstSeq); seq <= last; seq++) {
      if (stateAt(series, seq) === SAMPLE) return true;
    }
    return false;
  }
}

function stateAt(series: StoredSeries, seq: number): number {
  return series.chunks.get(seq >> CHUNK_BITS)?.states[seq & CHUNK_MASK] ?? ABSENT;
}

function writeState(series: StoredSeries, seq: number, state: number, value: number): void {
  let chunk = series.chunks.get(seq >> CHUNK_BITS);
  if (!chunk) {
    chunk = { values: new Float64Array(CHUNK_SIZE), states: new Uint8Array(CHUNK_SIZE) };
    series.chunks.set(seq >> CHUNK_BITS, chunk);
  }
  chunk.values[seq & CHUNK_MASK] = value;
  chunk.states[seq & CHUNK_MASK] = state;
  if (series.firstSeq < 0) series.firstSeq = seq;
  series.lastSeq = seq;
}
