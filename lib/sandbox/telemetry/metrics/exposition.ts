import { formatExpositionValue } from './go-float';
import { escapeLabelValue } from './labels';
import type { MetricsRegistry } from './registry';

/** The Content-Type of what `renderExposition` writes. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function escapeHelp(help: string): string {
  return help.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

function labelPairs(names: readonly string[], values: readonly string[]): string {
  let out = '';
  for (let i = 0; i < names.length; i++) {
    if (out) out += ',';
    out += `${names[i]}="${escapeLabelValue(values[i] ?? '')}"`;
  }
  return out;
}

function seriesLine(name: string, pairs: string, value: number): string {
  return `${name}${pairs ? `{${pairs}}` : ''} ${formatExpositionValue(value)}`;
}

/**
 * An upper bound as Envoy writes `le`: fixed-point ("300000", never "3e+05"), so queries such as
 * `le="300000"` select the same series here and in a real mesh.
 */
export function formatUpperBound(bound: number): string {
  return bound.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * The registry in Prometheus' text exposition format 0.0.4: per family `# HELP` and `# TYPE`,
 * then one line per series; a histogram gives cumulative `_bucket{le="..."}` lines ending with
 * `le="+Inf"` (equal to `_count`), then `_sum` and `_count`.
 */
export function renderExposition(registry: MetricsRegistry): string {
  const lines: string[] = [];
  for (const family of registry.families.values()) {
    const { name, help, labelNames } = family.definition;
    lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${family.type}`);
    if (family.type === 'counter') {
      for (const child of family.children.values()) {
        lines.push(seriesLine(name, labelPairs(labelNames, child.labelValues), child.value));
      }
      continue;
    }
    const bounds = family.definition.buckets.map(formatUpperBound);
    bounds.push('+Inf');
    for (const child of family.children.values()) {
      const pairs = labelPairs(labelNames, child.labelValues);
      const prefix = pairs ? `${pairs},` : '';
      let cumulative = 0;
      bounds.forEach((bound, i) => {
        cumulative += child.bucketCounts[i] ?? 0;
        lines.push(seriesLine(`${name}_bucket`, `${prefix}le="${bound}"`, cumulative));
      });
      lines.push(
        seriesLine(`${name}_sum`, pairs, child.sum),
        seriesLine(`${name}_count`, pairs, child.count),
      );
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
