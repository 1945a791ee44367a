/**
 * A series' label set as Prometheus sees it: names to non-empty values, `__name__` included.
 * Plain data so it crosses the API boundary unchanged.
 */
export type Labels = Readonly<Record<string, string>>;

/** The label that carries the metric name, as in Prometheus. */
export const METRIC_NAME_LABEL = '__name__';

/** Escapes a label value for the text exposition format and for label-set strings: `\`, `"`, newline. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/**
 * The canonical string of a label set: names sorted, `name="value"` joined by commas, as
 * Prometheus' `labels.String()` writes it between braces. Equal label sets give equal strings,
 * so it serves as a map key and as the sort key of results.
 */
export function labelsKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let key = '';
  for (const name of names) {
    if (key) key += ',';
    key += `${name}="${escapeLabelValue(labels[name] ?? '')}"`;
  }
  return key;
}

/** The label set without `__name__` (what functions and arithmetic return in Prometheus). */
export function withoutMetricName(labels: Labels): Labels {
  if (!(METRIC_NAME_LABEL in labels)) return labels;
  const { [METRIC_NAME_LABEL]: _name, ...rest } = labels;
  return rest;
}

/** Compares label sets the way Prometheus sorts them: label by label, names then values. */
export function compareLabels(a: Labels, b: Labels): number {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  const n = Math.min(an.length, bn.length);
  for (let i = 0; i < n; i++) {
    const nameA = an[i] as string;
    const nameB = bn[i] as string;
    if (nameA !== nameB) return nameA < nameB ? -1 : 1;
    const va = a[nameA] as string;
    const vb = b[nameB] as string;
    if (va !== vb) return va < vb ? -1 : 1;
  }
  return an.length - bn.length;
}
