/**
 * The JSONPath subset that CRD printer columns and scale paths use, evaluated on a plain object:
 * `.spec.replicas`, `.metadata.labels.app`, `['app.kubernetes.io/name']`, `[0]`, `[-1]`, `[*]`,
 * `.*` and filters such as `[?(@.type=="Ready")]` (==, !=, <, <=, >, >=, or bare existence).
 * Like Kubernetes, a path may be wrapped in braces (`{.spec.replicas}`).
 */

type Literal = string | number | boolean;

type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; path: string[]; op?: '==' | '!=' | '<' | '<=' | '>' | '>='; value?: Literal };

export interface JsonPath {
  source: string;
  segments: Segment[];
}

function parseLiteral(text: string): Literal {
  const trimmed = text.trim();
  const quoted = /^'(.*)'$/.exec(trimmed) ?? /^"(.*)"$/.exec(trimmed);
  if (quoted) return quoted[1] ?? '';
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  const number = Number(trimmed);
  if (trimmed !== '' && Number.isFinite(number)) return number;
  throw new Error(`unrecognized literal ${trimmed}`);
}

function parseFilter(body: string): Segment {
  const match = /^@((?:\.[^.=!<>\s]+)+)\s*(?:(==|!=|<=|>=|<|>)\s*(.+))?$/.exec(body.trim());
  if (!match) throw new Error(`unrecognized filter ${body}`);
  const path = (match[1] ?? '').split('.').slice(1);
  if (!match[2]) return { kind: 'filter', path };
  return { kind: 'filter', path, op: match[2] as '==', value: parseLiteral(match[3] ?? '') };
}

function parseBracket(body: string): Segment {
  const trimmed = body.trim();
  if (trimmed === '*') return { kind: 'wildcard' };
  if (/^-?\d+$/.test(trimmed)) return { kind: 'index', index: Number(trimmed) };
  const quoted = /^'(.*)'$/.exec(trimmed) ?? /^"(.*)"$/.exec(trimmed);
  if (quoted) return { kind: 'field', name: quoted[1] ?? '' };
  const filter = /^\?\((.*)\)$/.exec(trimmed);
  if (filter) return parseFilter(filter[1] ?? '');
  throw new Error(`unsupported array index or filter [${body}]`);
}

/** Parses `text`; throws an Error naming what is not supported. */
export function parseJsonPath(text: string): JsonPath {
  let rest = text.trim();
  if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1).trim();
  if (!rest.startsWith('.') && !rest.startsWith('['))
    throw new Error(`a path must start with "." or "[": ${text}`);
  const segments: Segment[] = [];
  let i = 0;
  while (i < rest.length) {
    const ch = rest[i];
    if (ch === '.') {
      if (rest[i + 1] === '.') throw new Error('recursive descent (..) is not supported');
      let j = i + 1;
      while (j < rest.length && rest[j] !== '.' && rest[j] !== '[') j++;
      const name = rest.slice(i + 1, j);
      if (name === '*') segments.push({ kind: 'wildcard' });
      else if (name) segments.push({ kind: 'field', name });
      else if (j < rest.length && rest[j] !== '[') throw new Error(`empty field name in ${text}`);
      i = j;
    } else if (ch === '[') {
      // Find the closing bracket outside quotes (filters may contain "]" in a string).
      let j = i + 1;
      let quote: string | undefined;
      while (j < rest.length && (quote || rest[j] !== ']')) {
        const c = rest[j];
        if (quote && c === quote) quote = undefined;
        else if (!quote && (c === '"' || c === "'")) quote = c;
        j++;
      }
      if (j >= rest.length) throw new Error(`unterminated [ in ${text}`);
      segments.push(parseBracket(rest.slice(i + 1, j)));
      i = j + 1;
    } else {
      throw new Error(`unexpected ${JSON.stringify(ch)} in ${text}`);
    }
  }
  return { source: text, segments };
}

function get(value: unknown, path: string[]): { found: boolean; value: unknown } {
  let current = value;
  for (const name of path) {
    if (
      typeof current !== 'object' ||
      current === null ||
      Array.isArray(current) ||
      !(name in current)
    ) {
      return { found: false, value: undefined };
    }
    current = (current as Record<string, unknown>)[name];
  }
  return { found: true, value: current };
}

function compare(
  actual: unknown,
  op: NonNullable<Extract<Segment, { kind: 'filter' }>['op']>,
  expected: Literal,
): boolean {
  switch (op) {
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
    default: {
      if (
        typeof actual !== typeof expected ||
        (typeof actual !== 'number' && typeof actual !== 'string')
      )
        return false;
      const a = actual as number | string;
      const b = expected as number | string;
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
  }
}

function step(values: unknown[], segment: Segment): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    if (segment.kind === 'field') {
      if (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        segment.name in value
      ) {
        out.push((value as Record<string, unknown>)[segment.name]);
      }
    } else if (segment.kind === 'index') {
      if (Array.isArray(value)) {
        const index = segment.index < 0 ? value.length + segment.index : segment.index;
        if (index >= 0 && index < value.length) out.push(value[index]);
      }
    } else if (segment.kind === 'wildcard') {
      if (Array.isArray(value)) out.push(...value);
      else if (typeof value === 'object' && value !== null) out.push(...Object.values(value));
    } else if (Array.isArray(value)) {
      for (const item of value) {
        const { found, value: actual } = get(item, segment.path);
        if (found && (segment.op === undefined || compare(actual, segment.op, segment.value ?? '')))
          out.push(item);
      }
    }
  }
  return out;
}

/** Every value the path selects in `object` (empty when nothing matches). */
export function evaluateJsonPath(object: unknown, path: JsonPath | string): unknown[] {
  const parsed = typeof path === 'string' ? parseJsonPath(path) : path;
  return parsed.segments.reduce<unknown[]>((values, segment) => step(values, segment), [object]);
}
