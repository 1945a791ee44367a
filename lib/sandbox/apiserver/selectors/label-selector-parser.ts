import { badRequest } from '../errors';
import { aggregateText, causeText, labelKeyCause, newRequirement } from './label-requirement';
import type { LabelOperator, LabelRequirement, LabelSelector } from './label-selector';

/**
 * The `labelSelector` query parameter parser, a port of apimachinery's `labels.Parse` lexer and
 * recursive-descent parser, so that accepted input, the parenthesis-aware comma handling and the
 * error messages match kube-apiserver's. The caller URL-decodes first (`+` is a space).
 */

type TokenKind =
  | 'error'
  | 'eos'
  | 'closedPar'
  | 'comma'
  | 'doesNotExist'
  | 'doubleEquals'
  | 'equals'
  | 'greaterThan'
  | 'identifier'
  | 'in'
  | 'lessThan'
  | 'notEquals'
  | 'notIn'
  | 'openPar';

interface Token {
  kind: TokenKind;
  literal: string;
}

const keywords: Record<string, TokenKind> = {
  ')': 'closedPar',
  ',': 'comma',
  '!': 'doesNotExist',
  '==': 'doubleEquals',
  '=': 'equals',
  '>': 'greaterThan',
  in: 'in',
  '<': 'lessThan',
  '!=': 'notEquals',
  notin: 'notIn',
  '(': 'openPar',
};

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch);

/** Lexer.Lex over the whole input, ending with an `eos` token. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const at = (i: number) => input.charAt(i);
  for (;;) {
    while (pos < input.length && isWhitespace(at(pos))) pos++;
    if (pos >= input.length) {
      tokens.push({ kind: 'eos', literal: '' });
      return tokens;
    }
    if (isSpecialSymbol(at(pos))) {
      // Longest run of symbols that still forms an operator: "!=" but "=" then "!" for "=!".
      let buffer = '';
      let last: Token | undefined;
      while (pos < input.length && isSpecialSymbol(at(pos))) {
        buffer += at(pos);
        const kind = keywords[buffer];
        if (kind) last = { kind, literal: buffer };
        else if (last) break;
        pos++;
      }
      tokens.push(last ?? { kind: 'error', literal: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let word = '';
    while (pos < input.length && !isSpecialSymbol(at(pos)) && !isWhitespace(at(pos)))
      word += at(pos++);
    tokens.push({ kind: keywords[word] ?? 'identifier', literal: word });
  }
}

class ParseError extends Error {}

const binaryOperators = 'in, notin, =, ==, !=, gt, lt';

function parseTokens(tokens: Token[]): LabelRequirement[] {
  let position = 0;
  // In value position the keywords "in" and "notin" are plain identifiers.
  // tokenize always ends with "eos", and nothing consumes past it.
  const tokenAt = (i: number): Token =>
    tokens[Math.min(i, tokens.length - 1)] ?? { kind: 'eos', literal: '' };
  const lookahead = (): Token => {
    const token = tokenAt(position);
    return token.kind === 'in' || token.kind === 'notIn'
      ? { kind: 'identifier', literal: token.literal }
      : token;
  };
  const consume = (asValue = true): Token => {
    const token = asValue ? lookahead() : tokenAt(position);
    position++;
    return token;
  };
  const fail = (message: string): never => {
    throw new ParseError(message);
  };

  const parseIdentifiersList = (): string[] => {
    const values = new Set<string>();
    for (;;) {
      const token = consume();
      if (token.kind === 'identifier') {
        values.add(token.literal);
        const next = lookahead();
        if (next.kind === 'comma') continue;
        if (next.kind === 'closedPar') return [...values];
        fail(`found '${next.literal}', expected: ',' or ')'`);
      } else if (token.kind === 'comma') {
        // "(,a)", "(a,,b)" and "(a,)" all carry the empty value.
        if (values.size === 0) values.add('');
        const next = lookahead();
        if (next.kind === 'closedPar') {
          values.add('');
          return [...values];
        }
        if (next.kind === 'comma') {
          consume();
          values.add('');
        }
      } else {
        fail(`found '${token.literal}', expected: ',', or identifier`);
      }
    }
  };

  const parseValues = (): string[] => {
    const open = consume();
    if (open.kind !== 'openPar') fail(`found '${open.literal}' expected: '('`);
    const next = lookahead();
    if (next.kind === 'identifier' || next.kind === 'comma') {
      const values = parseIdentifiersList();
      if (consume().kind !== 'closedPar') fail(`found '${next.literal}', expected: ')'`);
      return values;
    }
    if (next.kind === 'closedPar') {
      consume();
      return [''];
    }
    return fail(`found '${next.literal}', expected: ',', ')' or identifier`);
  };

  const parseExactValue = (): string[] => {
    const next = lookahead();
    if (next.kind === 'eos' || next.kind === 'comma') return [''];
    const token = consume();
    if (token.kind === 'identifier') return [token.literal];
    return fail(`found '${token.literal}', expected: identifier`);
  };

  const operatorFor: Partial<Record<TokenKind, LabelOperator>> = {
    in: 'in',
    notIn: 'notin',
    equals: '=',
    doubleEquals: '==',
    notEquals: '!=',
    greaterThan: 'gt',
    lessThan: 'lt',
  };

  const parseRequirement = (): LabelRequirement => {
    let operator: LabelOperator | undefined;
    let token = consume();
    if (token.kind === 'doesNotExist') {
      operator = '!';
      token = consume();
    }
    if (token.kind !== 'identifier') fail(`found '${token.literal}', expected: identifier`);
    const key = token.literal;
    const keyCause = labelKeyCause(key, '');
    if (keyCause) fail(causeText(keyCause));
    const next = lookahead().kind;
    if ((next === 'eos' || next === 'comma') && operator !== '!') operator = 'exists';
    if (operator === undefined) {
      const opToken = consume(false);
      operator =
        operatorFor[opToken.kind] ??
        fail(`found '${opToken.literal}', expected: ${binaryOperators}`);
    }
    let values: string[] = [];
    if (operator === 'in' || operator === 'notin') values = parseValues();
    else if (operator !== 'exists' && operator !== '!') values = parseExactValue();
    const { requirement, causes } = newRequirement(key, operator, values);
    if (causes.length) fail(aggregateText(causes));
    return requirement;
  };

  const requirements: LabelRequirement[] = [];
  for (;;) {
    const token = lookahead();
    if (token.kind === 'eos') return requirements;
    if (token.kind !== 'identifier' && token.kind !== 'doesNotExist') {
      fail(`found '${token.literal}', expected: !, identifier, or 'end of string'`);
    }
    try {
      requirements.push(parseRequirement());
    } catch (error) {
      if (error instanceof ParseError)
        throw new ParseError(`unable to parse requirement: ${error.message}`);
      throw error;
    }
    const after = consume();
    if (after.kind === 'eos') return requirements;
    if (after.kind !== 'comma') fail(`found '${after.literal}', expected: ',' or 'end of string'`);
    const following = lookahead();
    if (following.kind !== 'identifier' && following.kind !== 'doesNotExist') {
      fail(`found '${following.literal}', expected: identifier after ','`);
    }
  }
}

/**
 * Parses a label selector (`app=web,version in (v1,v2),!canary`). Throws ApiError 400 BadRequest
 * with kube-apiserver's message for a bad one; an empty string selects everything.
 */
export function parseLabelSelector(text: string): LabelSelector {
  try {
    return { requirements: parseTokens(tokenize(text)) };
  } catch (error) {
    if (error instanceof ParseError) throw badRequest(error.message);
    throw error;
  }
}
