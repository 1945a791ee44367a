import { METRIC_NAME_LABEL, withoutMetricName, type Labels } from '../metrics/labels';
import type { BinaryOp, VectorMatching } from './ast';
import { executionError } from './errors';
import { matchingSignature, type Sample, type Vector } from './vector';

const COMPARISONS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);

/** Whether an operator is a comparison (filters, or gives 0/1 with `bool`). */
export function isComparison(op: BinaryOp): boolean {
  return COMPARISONS.has(op);
}

/** Go's math.Pow where it differs from `**`: 1^y is 1 even for NaN, (-1)^±Inf is 1. */
function goPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

/**
 * One operator applied to two floats as Prometheus' vectorElemBinop: the value and whether a
 * comparison holds (arithmetic always "holds"). Division by zero follows IEEE 754 (+Inf, -Inf,
 * NaN for 0/0), as in Go; `%` is Go's math.Mod, which JavaScript's `%` equals.
 */
export function applyOperator(
  op: BinaryOp,
  lhs: number,
  rhs: number,
): { value: number; keep: boolean } {
  switch (op) {
    case '+':
      return { value: lhs + rhs, keep: true };
    case '-':
      return { value: lhs - rhs, keep: true };
    case '*':
      return { value: lhs * rhs, keep: true };
    case '/':
      return { value: lhs / rhs, keep: true };
    case '%':
      return { value: lhs % rhs, keep: true };
    case '^':
      return { value: goPow(lhs, rhs), keep: true };
    case 'atan2':
      return { value: Math.atan2(lhs, rhs), keep: true };
    case '==':
      return { value: lhs, keep: lhs === rhs };
    case '!=':
      return { value: lhs, keep: lhs !== rhs };
    case '>':
      return { value: lhs, keep: lhs > rhs };
    case '<':
      return { value: lhs, keep: lhs < rhs };
    case '>=':
      return { value: lhs, keep: lhs >= rhs };
    case '<=':
      return { value: lhs, keep: lhs <= rhs };
    default:
      throw executionError(`operator "${op}" is not allowed between scalars`);
  }
}

/** scalar op scalar; comparisons (which the parser allows only with `bool`) give 1 or 0. */
export function scalarBinary(op: BinaryOp, lhs: number, rhs: number): number {
  const { value, keep } = applyOperator(op, lhs, rhs);
  return isComparison(op) ? (keep ? 1 : 0) : value;
}

/**
 * vector op scalar (or scalar op vector when `scalarOnLeft`), as Prometheus' VectorscalarBinop:
 * a comparison keeps the vector's own value and filters, or gives 0/1 with `bool`; arithmetic
 * and `bool` drop the metric name.
 */
export function vectorScalarBinary(
  op: BinaryOp,
  vector: Vector,
  scalar: number,
  scalarOnLeft: boolean,
  returnBool: boolean,
): Vector {
  const out: Sample[] = [];
  const comparison = isComparison(op);
  for (const sample of vector) {
    const [lhs, rhs] = scalarOnLeft ? [scalar, sample.value] : [sample.value, scalar];
    let { value, keep } = applyOperator(op, lhs, rhs);
    if (comparison && scalarOnLeft) value = sample.value;
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    const labels = !comparison || returnBool ? withoutMetricName(sample.labels) : sample.labels;
    out.push({ labels, value });
  }
  return out;
}

/** The result labels of a matched pair (Prometheus' resultMetric). */
function resultLabels(
  lhs: Labels,
  rhs: Labels,
  op: BinaryOp,
  matching: VectorMatching,
  returnBool: boolean,
): Labels {
  const out: Record<string, string> = { ...lhs };
  if (!isComparison(op) || returnBool) delete out[METRIC_NAME_LABEL];
  if (matching.card === 'one-to-one') {
    for (const name of Object.keys(out)) {
      if (matching.on ? !matching.labels.includes(name) : matching.labels.includes(name))
        delete out[name];
    }
  }
  for (const name of matching.include) {
    const value = rhs[name];
    if (value !== undefined && value !== '') out[name] = value;
    else delete out[name];
  }
  return out;
}

/** Labels as Prometheus' `labels.String()` writes them in error messages. */
function labelString(labels: Labels): string {
  return `{${Object.keys(labels)
    .sort()
    .map((name) => `${name}="${labels[name]}"`)
    .join(', ')}}`;
}

/** The labels a match is made on (Prometheus' MatchLabels): the `on` ones, or all but the ignored and the name. */
function matchedLabels(labels: Labels, matching: VectorMatching): Labels {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    const listed = matching.labels.includes(name);
    if (matching.on ? listed : !listed && name !== METRIC_NAME_LABEL) out[name] = value;
  }
  return out;
}

/**
 * vector op vector with one-to-one, many-to-one (`group_left`) or one-to-many (`group_right`)
 * matching, as Prometheus' VectorBinop, including its errors for ambiguous matches.
 */
export function vectorBinary(
  op: BinaryOp,
  lhsVector: Vector,
  rhsVector: Vector,
  matching: VectorMatching,
  returnBool: boolean,
): Vector {
  const oneToMany = matching.card === 'one-to-many';
  // The "one" side goes right; values are swapped back when the operator is applied.
  const [many, one] = oneToMany ? [rhsVector, lhsVector] : [lhsVector, rhsVector];
  const signature = (labels: Labels): string =>
    matchingSignature(labels, matching.on, matching.labels);

  const oneBySignature = new Map<string, Sample>();
  for (const sample of one) {
    const sig = signature(sample.labels);
    const duplicate = oneBySignature.get(sig);
    if (duplicate) {
      throw executionError(
        `found duplicate series for the match group ${labelString(matchedLabels(sample.labels, matching))} ` +
          `on the ${oneToMany ? 'left' : 'right'} hand-side of the operation: ` +
          `[${labelString(sample.labels)}, ${labelString(duplicate.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    oneBySignature.set(sig, sample);
  }

  const matched = new Map<string, Set<string> | null>();
  const out: Sample[] = [];
  for (const sample of many) {
    const sig = signature(sample.labels);
    const partner = oneBySignature.get(sig);
    if (!partner) continue;
    const [lhs, rhs] = oneToMany ? [partner.value, sample.value] : [sample.value, partner.value];
    const result = applyOperator(op, lhs, rhs);
    if (!returnBool && !result.keep) continue;
    const value = returnBool ? (result.keep ? 1 : 0) : result.value;
    const labels = resultLabels(sample.labels, partner.labels, op, matching, returnBool);
    if (matching.card === 'one-to-one') {
      if (matched.has(sig))
        throw executionError(
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
        );
      matched.set(sig, null);
    } else {
      const resultKey = matchingSignature(labels, false, []) + (labels[METRIC_NAME_LABEL] ?? '');
      let inserted = matched.get(sig);
      if (!inserted) matched.set(sig, (inserted = new Set()));
      if (inserted.has(resultKey))
        throw executionError(
          'multiple matches for labels: grouping labels must ensure unique matches',
        );
      inserted.add(resultKey);
    }
    out.push({ labels, value });
  }
  return out;
}

/** `and`, `or`, `unless` (many-to-many, metric names kept), as Prometheus' VectorAnd/Or/Unless. */
export function setOperation(
  op: 'and' | 'or' | 'unless',
  lhs: Vector,
  rhs: Vector,
  matching: VectorMatching,
): Vector {
  const signature = (sample: Sample): string =>
    matchingSignature(sample.labels, matching.on, matching.labels);
  if (op === 'and') {
    if (lhs.length === 0 || rhs.length === 0) return [];
    const right = new Set(rhs.map(signature));
    return lhs.filter((sample) => right.has(signature(sample)));
  }
  if (op === 'unless') {
    if (lhs.length === 0 || rhs.length === 0) return [...lhs];
    const right = new Set(rhs.map(signature));
    return lhs.filter((sample) => !right.has(signature(sample)));
  }
  if (lhs.length === 0) return [...rhs];
  if (rhs.length === 0) return [...lhs];
  const left = new Set(lhs.map(signature));
  return [...lhs, ...rhs.filter((sample) => !left.has(signature(sample)))];
}
