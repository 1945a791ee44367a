import type { LabelMatcher } from '../metrics/label-matcher';

/** PromQL value types, as Prometheus names them in its type errors. */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export type RateFunction = 'rate' | 'irate' | 'increase';
export type AggregationOp = 'sum' | 'avg' | 'min' | 'max' | 'count';
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
}

export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
}

export interface VectorSelector {
  readonly kind: 'vectorSelector';
  readonly matchers: readonly LabelMatcher[];
  readonly offsetMs: number;
}

export interface MatrixSelector {
  readonly kind: 'matrixSelector';
  readonly selector: VectorSelector;
  readonly rangeMs: number;
}

export interface RateCall {
  readonly kind: 'rateCall';
  readonly func: RateFunction;
  readonly arg: MatrixSelector;
}

export interface HistogramQuantileCall {
  readonly kind: 'histogramQuantile';
  readonly quantile: Expr;
  readonly buckets: Expr;
}

export interface Aggregation {
  readonly kind: 'aggregation';
  readonly op: AggregationOp;
  readonly grouping: readonly string[];
  readonly without: boolean;
  readonly expr: Expr;
}

/** How the two sides of a vector/vector operation pair up (Prometheus' VectorMatching). */
export interface VectorMatching {
  readonly card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** true for `on(...)`, false for `ignoring(...)` or no clause. */
  readonly on: boolean;
  readonly labels: readonly string[];
  /** Labels of `group_left(...)`/`group_right(...)` copied from the "one" side. */
  readonly include: readonly string[];
}

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly returnBool: boolean;
  /** Present when both sides are instant vectors. */
  readonly matching?: VectorMatching;
}

export interface UnaryMinus {
  readonly kind: 'unaryMinus';
  readonly expr: Expr;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | RateCall
  | HistogramQuantileCall
  | Aggregation
  | BinaryExpr
  | UnaryMinus;

/** The value type an expression evaluates to. */
export function typeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'matrixSelector':
      return 'matrix';
    case 'binary':
      return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'unaryMinus':
      return typeOf(expr.expr);
    default:
      return 'vector';
  }
}

/** Prometheus' wording of a type in error messages ("instant vector", "range vector", ...). */
export function describeType(type: ValueType): string {
  if (type === 'vector') return 'instant vector';
  if (type === 'matrix') return 'range vector';
  return type;
}
