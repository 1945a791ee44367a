import { METRIC_NAME_LABEL, type Labels } from '../metrics/labels';
import type { AggregationOp } from './ast';
import { matchingSignature, type Sample, type Vector } from './vector';

interface Group {
  readonly labels: Labels;
  value: number;
  mean: number;
  count: number;
}

/** The labels an aggregation keeps: the `by` labels present, or all but `without` labels and the name. */
function groupLabels(labels: Labels, grouping: readonly string[], without: boolean): Labels {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    const listed = grouping.includes(name);
    if (without ? !listed && name !== METRIC_NAME_LABEL : listed) out[name] = value;
  }
  return out;
}

/**
 * `sum`, `avg`, `min`, `max`, `count` with `by`/`without` as Prometheus 2.42 computes them:
 * groups in order of first appearance; min/max replace a NaN start; avg is the running mean
 * (Prometheus' overflow-safe form, which can differ from sum/count in the last bits).
 */
export function aggregate(
  op: AggregationOp,
  vector: Vector,
  grouping: readonly string[],
  without: boolean,
): Vector {
  const groups = new Map<string, Group>();
  for (const sample of vector) {
    // by(...) keys on the listed labels; without(...) on the rest minus the name, as for matching.
    const key = without
      ? matchingSignature(sample.labels, false, grouping)
      : matchingSignature(sample.labels, true, grouping);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        labels: groupLabels(sample.labels, grouping, without),
        value: sample.value,
        mean: sample.value,
        count: 1,
      });
      continue;
    }
    accumulate(op, group, sample);
  }
  const out: Sample[] = [];
  for (const group of groups.values()) {
    const value = op === 'avg' ? group.mean : op === 'count' ? group.count : group.value;
    out.push({ labels: group.labels, value });
  }
  return out;
}

function accumulate(op: AggregationOp, group: Group, sample: Sample): void {
  const v = sample.value;
  group.count++;
  switch (op) {
    case 'sum':
      group.value += v;
      return;
    case 'min':
      if (group.value > v || Number.isNaN(group.value)) group.value = v;
      return;
    case 'max':
      if (group.value < v || Number.isNaN(group.value)) group.value = v;
      return;
    case 'avg':
      if (!Number.isFinite(group.mean) && !Number.isNaN(group.mean)) {
        // An infinite mean stays as it is for a same-signed infinity or any finite value;
        // subtracting it would turn it into NaN.
        if (!Number.isFinite(v) && !Number.isNaN(v) && group.mean > 0 === v > 0) return;
        if (Number.isFinite(v)) return;
      }
      group.mean += v / group.count - group.mean / group.count;
      return;
    case 'count':
      return;
  }
}
