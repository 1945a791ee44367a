import { createWriteStream } from 'node:fs';
import { formatUpperBound } from '../../lib/sandbox/telemetry/metrics/exposition';
import type { MetricsRegistry } from '../../lib/sandbox/telemetry/metrics/registry';

/**
 * The samples of a registry over time, kept per series so they can be written as OpenMetrics with
 * timestamps for `promtool tsdb create-blocks-from openmetrics` (Prometheus' backfill): the same
 * samples the sandbox's SampleStore took at the same instants.
 */
export class OpenMetricsRecorder {
  private readonly series = new Map<string, { name: string; times: number[]; values: number[] }>();

  /** Records every series of `registry` at `timeMs` (call right after scraping the store). */
  record(registry: MetricsRegistry, timeMs: number): void {
    for (const family of registry.families.values()) {
      const { name, labelNames } = family.definition;
      const labelsOf = (labelValues: readonly string[]) =>
        labelNames.map((label, i) => `${label}="${labelValues[i] ?? ''}"`);
      if (family.type === 'counter') {
        for (const child of family.children.values())
          this.add(name, `{${labelsOf(child.labelValues).join(',')}}`, timeMs, child.value);
        continue;
      }
      for (const child of family.children.values()) {
        const labels = labelsOf(child.labelValues);
        let cumulative = 0;
        const bounds = [...family.definition.buckets.map(formatUpperBound), '+Inf'];
        bounds.forEach((bound, i) => {
          cumulative += child.bucketCounts[i] ?? 0;
          this.add(
            `${name}_bucket`,
            `{${[...labels, `le="${bound}"`].join(',')}}`,
            timeMs,
            cumulative,
          );
        });
        this.add(`${name}_sum`, `{${labels.join(',')}}`, timeMs, child.sum);
        this.add(`${name}_count`, `{${labels.join(',')}}`, timeMs, child.count);
      }
    }
  }

  private add(name: string, labels: string, timeMs: number, value: number): void {
    const key = name + labels;
    let entry = this.series.get(key);
    if (!entry) this.series.set(key, (entry = { name, times: [], values: [] }));
    entry.times.push(timeMs);
    entry.values.push(value);
  }

  /** Writes the file: series grouped by metric name (OpenMetrics wants families contiguous), untyped, `# EOF` last. */
  async write(path: string): Promise<number> {
    const out = createWriteStream(path);
    const keys = [...this.series.keys()].sort((a, b) =>
      this.series.get(a)!.name.localeCompare(this.series.get(b)!.name),
    );
    let lines = 0;
    for (const key of keys) {
      const { times, values } = this.series.get(key)!;
      let chunk = '';
      for (let i = 0; i < times.length; i++) chunk += `${key} ${values[i]} ${times[i]! / 1000}\n`;
      lines += times.length;
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    out.end('# EOF\n');
    await new Promise<void>((resolve, reject) =>
      out.once('finish', () => resolve()).once('error', reject),
    );
    return lines;
  }
}
