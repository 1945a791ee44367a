import { parser } from '@prometheus-io/lezer-promql';
import type { LabelMatcher, MatchOperator } from '../metrics/label-matcher';
import { METRIC_NAME_LABEL } from '../metrics/labels';
import { parseGoFloat } from '../metrics/go-float';
import {
  describeType,
  typeOf,
  type AggregationOp,
  type BinaryOp,
  type Expr,
  type MatrixSelector,
  type ValueType,
  type VectorMatching,
  type VectorSelector,
} from './ast';
import { parseDurationMs } from './durations';
import { badData, PromqlError, UNSUPPORTED_SUFFIX, unsupported } from './errors';
import { compileMatcher } from './label-matchers';
import { parseErrorMessage, position } from './parse-errors';
import { unquoteStringLiteral } from './string-literal';

/**
 * PromQL text -> the evaluator's expression tree. Parsing is Prometheus' own Lezer grammar; this
 * walk adds what Prometheus 2.42's parser checks (types, matcher and modifier rules) and refuses,
 * naming it, every construct the sandbox does not evaluate.
 */

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

const AGGREGATIONS: ReadonlySet<string> = new Set<AggregationOp>([
  'sum',
  'avg',
  'min',
  'max',
  'count',
]);

const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

const MATCH_OPS: Readonly<Record<string, MatchOperator>> = {
  EqlSingle: '=',
  Neq: '!=',
  EqlRegex: '=~',
  NeqRegex: '!~',
};

const UNSUPPORTED_NODES: Readonly<Record<string, string>> = {
  SubqueryExpr: 'a subquery',
  StepInvariantExpr: 'the @ modifier',
  AnchoredExpr: 'the anchored modifier',
  SmoothedExpr: 'the smoothed modifier',
};

const COMPARISONS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

/** Parses and checks a query; throws a bad_data PromqlError for anything Prometheus or the sandbox refuses. */
export function parsePromql(query: string): Expr {
  const tree = parser.parse(query);
  let errorAt: number | undefined;
  tree.iterate({
    enter(node) {
      if (errorAt === undefined && node.type.isError) errorAt = node.from;
      return errorAt === undefined;
    },
  });
  const top = tree.topNode.firstChild;
  if (!top || query.trim() === '')
    throw badData(`${position(query, 0)}: parse error: no expression found in input`);
  if (errorAt !== undefined) throw badData(parseErrorMessage(query, errorAt));
  return new TreeReader(query).expr(top);
}

const POSITIONED = /^\d+:\d+: parse error: /;

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

class TreeReader {
  constructor(private readonly query: string) {}

  private text(node: SyntaxNode): string {
    return this.query.slice(node.from, node.to);
  }

  /** An expression; a check that fails inside it is reported at its position, as Prometheus does. */
  expr(node: SyntaxNode): Expr {
    try {
      return this.unpositionedExpr(node);
    } catch (error) {
      if (
        error instanceof PromqlError &&
        !POSITIONED.test(error.message) &&
        !error.message.includes(UNSUPPORTED_SUFFIX)
      ) {
        throw badData(`${position(this.query, node.from)}: parse error: ${error.message}`);
      }
      throw error;
    }
  }

  private unpositionedExpr(node: SyntaxNode): Expr {
    const refused = UNSUPPORTED_NODES[node.name];
    if (refused) throw unsupported(refused);
    switch (node.name) {
      case 'ParenExpr':
        return this.expr(this.onlyExpr(node));
      case 'NumberDurationLiteral':
        return { kind: 'number', value: this.number(node) };
      case 'StringLiteral':
        return { kind: 'string', value: this.string(node) };
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.matrixSelector(node);
      case 'OffsetExpr':
        return this.offset(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregation(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'UnaryExpr':
        return this.unary(node);
      default:
        throw unsupported(`the expression "${this.text(node)}" (${node.name})`);
    }
  }

  private onlyExpr(node: SyntaxNode): SyntaxNode {
    const inner = children(node)[0];
    if (!inner)
      throw badData(`${position(this.query, node.from)}: parse error: unexpected end of input`);
    return inner;
  }

  private number(node: SyntaxNode): number {
    const text = this.text(node).replace(/\s+/g, '');
    const sign = text.startsWith('-') ? -1 : 1;
    const unsigned = text.replace(/^[+-]/, '');
    // Prometheus 2.42 reads integers with Go's base-prefix rules (0x10 = 16, 010 = 8) first.
    if (/^0[xX][0-9a-fA-F]+$/.test(unsigned)) return sign * parseInt(unsigned.slice(2), 16);
    if (/^0[0-7]+$/.test(unsigned)) return sign * parseInt(unsigned, 8);
    const value = parseGoFloat(unsigned);
    if (value !== undefined) return sign * value;
    if (parseDurationMs(unsigned) !== undefined)
      throw unsupported(`a duration used as a number ("${text}")`);
    throw badData(`${position(this.query, node.from)}: parse error: bad number "${text}"`);
  }

  private string(node: SyntaxNode): string {
    const value = unquoteStringLiteral(this.text(node));
    if (value === undefined) {
      throw badData(
        `${position(this.query, node.from)}: parse error: invalid string literal ${this.text(node)}`,
      );
    }
    return value;
  }

  private labelName(node: SyntaxNode): string {
    if (node.name === 'QuotedLabelName') throw unsupported('a quoted label name');
    return this.text(node);
  }

  private vectorSelector(node: SyntaxNode): VectorSelector {
    const matchers: LabelMatcher[] = [];
    let metricName: string | undefined;
    for (const child of children(node)) {
      if (child.name === 'Identifier') metricName = this.text(child);
      else if (child.name === 'LabelMatchers') {
        for (const matcherNode of children(child)) matchers.push(this.labelMatcher(matcherNode));
      }
    }
    if (metricName !== undefined) {
      const named = matchers.find((m) => m.name === METRIC_NAME_LABEL);
      if (named)
        throw badData(`metric name must not be set twice: "${metricName}" or "${named.value}"`);
      matchers.unshift(compileMatcher(METRIC_NAME_LABEL, '=', metricName));
    }
    if (matchers.every((m) => m.test(''))) {
      throw badData('vector selector must contain at least one non-empty matcher');
    }
    return { kind: 'vectorSelector', matchers, offsetMs: 0 };
  }

  private labelMatcher(node: SyntaxNode): LabelMatcher {
    if (node.name !== 'UnquotedLabelMatcher') throw unsupported('a quoted label name');
    const [nameNode, opNode, valueNode] = children(node);
    const op = MATCH_OPS[opNode?.firstChild?.name ?? ''];
    if (!nameNode || !op || !valueNode) {
      throw badData(
        `${position(this.query, node.from)}: parse error: unexpected "${this.text(node)}"`,
      );
    }
    return compileMatcher(this.labelName(nameNode), op, this.string(valueNode));
  }

  private duration(node: SyntaxNode | null, what: string): number {
    const literal = node?.firstChild;
    if (
      !node ||
      !literal ||
      literal.nextSibling ||
      literal.name !== 'NumberDurationLiteralInDurationContext'
    ) {
      throw unsupported(`duration arithmetic in ${what} ("${node ? this.text(node) : ''}")`);
    }
    const ms = parseDurationMs(this.text(literal));
    if (ms === undefined) {
      throw badData(
        `${position(this.query, literal.from)}: parse error: bad duration syntax: "${this.text(literal)}"`,
      );
    }
    return ms;
  }

  private matrixSelector(node: SyntaxNode): MatrixSelector {
    const [inner, durationNode] = children(node);
    if (!inner) throw badData('ranges only allowed for vector selectors');
    // The grammar reads -foo[5m] as (-foo)[5m]; Prometheus reads it as -(foo[5m]).
    if (inner.name === 'UnaryExpr' && inner.lastChild?.name === 'VectorSelector') {
      throw badData(
        'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"',
      );
    }
    if (inner.name === 'OffsetExpr') throw badData('no offset modifiers allowed before range');
    if (inner.name !== 'VectorSelector') throw badData('ranges only allowed for vector selectors');
    const rangeMs = this.duration(durationNode ?? null, 'a range');
    return { kind: 'matrixSelector', selector: this.vectorSelector(inner), rangeMs };
  }

  private offset(node: SyntaxNode): Expr {
    const [inner, , durationNode] = children(node);
    if (!inner)
      throw badData(
        'offset modifier must be preceded by an instant vector selector or range vector selector',
      );
    if (inner.name === 'OffsetExpr') throw badData('offset may not be set multiple times');
    let sign = 1;
    let duration = durationNode ?? null;
    while (duration?.firstChild?.name === 'UnaryOp') {
      if (this.text(duration.firstChild) === '-') sign = -sign;
      duration = duration.firstChild.nextSibling;
    }
    if (sign < 0) throw unsupported('a negative offset');
    const offsetMs = this.duration(duration, 'an offset');
    const target = this.expr(inner);
    const withOffset = (selector: VectorSelector): VectorSelector => {
      if (selector.offsetMs !== 0) throw badData('offset may not be set multiple times');
      return { ...selector, offsetMs };
    };
    if (target.kind === 'vectorSelector' && inner.name === 'VectorSelector')
      return withOffset(target);
    if (target.kind === 'matrixSelector' && inner.name === 'MatrixSelector') {
      return { ...target, selector: withOffset(target.selector) };
    }
    throw badData(
      'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    );
  }

  private arguments(node: SyntaxNode | undefined): Expr[] {
    return node ? children(node).map((child) => this.expr(child)) : [];
  }

  private call(node: SyntaxNode): Expr {
    const [identifier, body] = children(node);
    const name = identifier ? this.text(identifier) : '';
    if (
      name !== 'rate' &&
      name !== 'irate' &&
      name !== 'increase' &&
      name !== 'histogram_quantile'
    ) {
      throw unsupported(`the function "${name}"`);
    }
    const args = this.arguments(body);
    const expected: ValueType[] = name === 'histogram_quantile' ? ['scalar', 'vector'] : ['matrix'];
    if (args.length !== expected.length) {
      throw badData(
        `expected ${expected.length} argument(s) in call to "${name}", got ${args.length}`,
      );
    }
    args.forEach((arg, i) => {
      const want = expected[i] as ValueType;
      if (typeOf(arg) !== want) {
        throw badData(
          `expected type ${describeType(want)} in call to function "${name}", got ${describeType(typeOf(arg))}`,
        );
      }
    });
    if (name === 'histogram_quantile') {
      return { kind: 'histogramQuantile', quantile: args[0] as Expr, buckets: args[1] as Expr };
    }
    return { kind: 'rateCall', func: name, arg: args[0] as MatrixSelector };
  }

  private grouping(node: SyntaxNode | null): string[] {
    return node ? children(node).map((label) => this.labelName(label)) : [];
  }

  private aggregation(node: SyntaxNode): Expr {
    let op = '';
    let without = false;
    let grouping: string[] = [];
    let body: SyntaxNode | undefined;
    for (const child of children(node)) {
      if (child.name === 'AggregateOp') op = this.text(child);
      else if (child.name === 'FunctionCallBody') body = child;
      else if (child.name === 'AggregateModifier') {
        without = child.firstChild?.name === 'Without';
        grouping = this.grouping(child.getChild('GroupingLabels'));
      }
    }
    if (!AGGREGATIONS.has(op)) throw unsupported(`the aggregation "${op}"`);
    const args = this.arguments(body);
    if (args.length !== 1) {
      throw badData(
        `wrong number of arguments for aggregate expression provided, expected 1, got ${args.length}`,
      );
    }
    const expr = args[0] as Expr;
    if (typeOf(expr) !== 'vector') {
      throw badData(
        `expected type instant vector in aggregation expression, got ${describeType(typeOf(expr))}`,
      );
    }
    return { kind: 'aggregation', op: op as AggregationOp, grouping, without, expr };
  }

  private unary(node: SyntaxNode): Expr {
    const [opNode, operand] = children(node);
    if (!opNode || !operand)
      throw badData(`${position(this.query, node.from)}: parse error: unexpected end of input`);
    const expr = this.expr(operand);
    const type = typeOf(expr);
    if (type !== 'scalar' && type !== 'vector') {
      throw badData(
        `unary expression only allowed on expressions of type scalar or instant vector, got "${describeType(type)}"`,
      );
    }
    if (this.text(opNode) === '+') return expr;
    if (expr.kind === 'number') return { kind: 'number', value: -expr.value };
    return { kind: 'unaryMinus', expr };
  }

  private binary(node: SyntaxNode): Expr {
    const parts = children(node);
    const lhsNode = parts[0];
    const opNode = parts[1];
    const rhsNode = parts[parts.length - 1];
    if (!lhsNode || !opNode || !rhsNode)
      throw badData(`${position(this.query, node.from)}: parse error: unexpected end of input`);
    const op = BINARY_OPS[opNode.name];
    if (!op) throw unsupported(`the operator "${this.text(opNode)}"`);
    const returnBool = parts.some((p) => p.name === 'BoolModifier');
    if (parts.some((p) => p.name === 'FillModifier')) throw unsupported('the fill modifier');
    const clause = parts.find((p) => p.name === 'MatchingModifierClause');
    // The grammar folds a sign into a number literal ("-2"), but in PromQL `^` binds tighter
    // than unary minus: -2 ^ 2 is -(2 ^ 2) = -4, as Prometheus computes it.
    const signedBase =
      op === '^' && lhsNode.name === 'NumberDurationLiteral' && /^[+-]/.test(this.text(lhsNode));
    if (signedBase) {
      const base: Expr = { kind: 'number', value: Math.abs(this.number(lhsNode)) };
      const power: Expr = {
        kind: 'binary',
        op,
        lhs: base,
        rhs: this.expr(rhsNode),
        returnBool: false,
      };
      if (typeOf(power.rhs) !== 'scalar' && typeOf(power.rhs) !== 'vector') {
        throw badData('binary expression must contain only scalar and instant vector types');
      }
      if (returnBool || clause) return this.binaryWithModifiersOnScalar(returnBool);
      return this.text(lhsNode).startsWith('-') ? { kind: 'unaryMinus', expr: power } : power;
    }
    const lhs = this.expr(lhsNode);
    const rhs = this.expr(rhsNode);
    const lt = typeOf(lhs);
    const rt = typeOf(rhs);
    const isComparison = COMPARISONS.has(op);
    const isSet = SET_OPS.has(op);

    if (returnBool && !isComparison)
      throw badData('bool modifier can only be used on comparison operators');
    if (isComparison && !returnBool && lt === 'scalar' && rt === 'scalar') {
      throw badData('comparisons between scalars must use BOOL modifier');
    }
    if ((lt !== 'scalar' && lt !== 'vector') || (rt !== 'scalar' && rt !== 'vector')) {
      throw badData('binary expression must contain only scalar and instant vector types');
    }
    const matching = this.matching(clause, isSet);
    if (matching) {
      for (const label of matching.include) {
        if (matching.on && matching.labels.includes(label)) {
          throw badData(`label "${label}" must not occur in ON and GROUP clause at once`);
        }
      }
    }
    if ((lt === 'scalar' || rt === 'scalar') && isSet) {
      throw badData(`set operator "${op}" not allowed in binary scalar expression`);
    }
    if (lt !== 'vector' || rt !== 'vector') {
      if (clause && matching && matching.labels.length > 0)
        throw badData('vector matching only allowed between instant vectors');
      return { kind: 'binary', op, lhs, rhs, returnBool };
    }
    if (isSet && (matching.card === 'one-to-many' || matching.card === 'many-to-one')) {
      throw badData(`no grouping allowed for "${op}" operation`);
    }
    return { kind: 'binary', op, lhs, rhs, returnBool, matching };
  }

  /** `-2 ^ bool x` or `-2 ^ on() x`: modifiers that `^` with a scalar operand never takes. */
  private binaryWithModifiersOnScalar(returnBool: boolean): never {
    if (returnBool) throw badData('bool modifier can only be used on comparison operators');
    throw badData('vector matching only allowed between instant vectors');
  }

  private matching(clause: SyntaxNode | undefined, isSet: boolean): VectorMatching {
    const oneToOne = isSet ? 'many-to-many' : 'one-to-one';
    if (!clause) return { card: oneToOne, on: false, labels: [], include: [] };
    const parts = children(clause);
    const on = parts[0]?.name === 'On';
    const labels = this.grouping(parts[1] ?? null);
    const group = parts[2]?.name;
    const card =
      group === 'GroupLeft' ? 'many-to-one' : group === 'GroupRight' ? 'one-to-many' : oneToOne;
    return { card, on, labels, include: this.grouping(parts[3] ?? null) };
  }
}
