/**
 * Go's `fmt` renderings of values, as kube-apiserver prints them inside field errors. Clients
 * (and people) compare these messages with a real cluster's, so the quirks are kept on purpose:
 * `%q` strings, `%v` floats with Go's exponent rules, and `%#v` for maps and slices, which is how
 * an `interface{}` value decoded from JSON looks in a Kubernetes message.
 */

const goLiteralMark: unique symbol = Symbol('go-literal');

/** A value that is already rendered as Go would render it (e.g. a typed struct literal). */
export interface GoLiteral {
  readonly [goLiteralMark]: string;
}

/** Wraps text that must appear verbatim where a value is printed. */
export function goLiteral(text: string): GoLiteral {
  return { [goLiteralMark]: text };
}

/** The text of a GoLiteral, to nest it inside another literal. */
export function literalText(literal: GoLiteral): string {
  return literal[goLiteralMark];
}

function isGoLiteral(value: unknown): value is GoLiteral {
  return typeof value === 'object' && value !== null && goLiteralMark in value;
}

const namedEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** Go's strconv.Quote: printable Unicode stays as is, control characters are escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (namedEscapes[ch]) out += namedEscapes[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go's `%v` of a float64 (and of an int64, which prints the same digits). */
export function goNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : Number.isNaN(value) ? 'NaN' : '-Inf';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  // %v switches to exponent form below 1e-4 or from 1e21 on, with at least two exponent digits.
  if (exponent < -4 || exponent >= 21) {
    const [mantissa = '', exp = ''] = value.toExponential().split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exp.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  return String(value);
}

/** Go's `%#v` of a value held in an `interface{}` (what JSON decodes into). */
export function goSyntax(value: unknown): string {
  if (isGoLiteral(value)) return value[goLiteralMark];
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .map((key) => `${goQuote(key)}:${goSyntax((value as Record<string, unknown>)[key])}`);
  return `map[string]interface {}{${entries.join(', ')}}`;
}

/** Go's `%#v` of a `map[string]string` (labels, selectors, data). */
export function goStringMap(map: Record<string, string> | undefined): GoLiteral {
  if (!map) return goLiteral('map[string]string(nil)');
  const entries = Object.keys(map)
    .sort()
    .map((key) => `${goQuote(key)}:${goQuote(String(map[key]))}`);
  return goLiteral(`map[string]string{${entries.join(', ')}}`);
}

/** Go's `%#v` of a `[]string`. */
export function goStringSlice(list: readonly string[] | undefined): GoLiteral {
  if (!list) return goLiteral('[]string(nil)');
  return goLiteral(`[]string{${list.map(goQuote).join(', ')}}`);
}

/**
 * How `field.Error.ErrorBody` prints a bad value: plain for numbers and booleans, quoted for
 * strings, `"null"` for nil, and Go syntax for anything composite.
 */
export function goBadValue(value: unknown): string {
  if (value === null || value === undefined) return goQuote('null');
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return goQuote(value);
  return goSyntax(value);
}

/**
 * Go's `%+v` (and `%v`) of a value decoded from JSON into `interface{}` with integers kept as
 * int64: `map[a:1 b:[x y]]`, maps with their keys sorted, strings unquoted, null as `<nil>`.
 * kube-apiserver prints a strategic merge patch this way in its errors.
 */
export function goPlusV(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goPlusV).join(' ')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${keys.map((key) => `${key}:${goPlusV(record[key])}`).join(' ')}]`;
}

const base64Alphabet = /[A-Za-z0-9+/]/;

/**
 * Where Go's base64.StdEncoding.Decode gives up on `text`, as the `N` of its
 * `illegal base64 data at input byte N`; undefined when the text decodes. CR and LF are skipped,
 * padding is required, as in Go.
 */
export function goBase64ErrorOffset(text: string): number | undefined {
  let si = 0;
  for (;;) {
    let j = 0;
    for (; j < 4; j += 1) {
      if (si === text.length) {
        if (j === 0) return undefined;
        return si - j;
      }
      const ch = text[si]!;
      si += 1;
      if (base64Alphabet.test(ch)) continue;
      if (ch === '\n' || ch === '\r') {
        j -= 1;
        continue;
      }
      if (ch !== '=') return si - 1;
      // Padding: only in the third or fourth place of a quantum, and the input ends after it.
      if (j < 2) return si - 1;
      if (j === 2) {
        while (si < text.length && (text[si] === '\n' || text[si] === '\r')) si += 1;
        if (si === text.length) return text.length;
        if (text[si] !== '=') return si - 1;
        si += 1;
      }
      while (si < text.length && (text[si] === '\n' || text[si] === '\r')) si += 1;
      return si < text.length ? si : undefined;
    }
  }
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => [key, sortedKeys(record[key])]),
  );
}

/**
 * Go's json.Marshal of a value decoded from JSON: object keys sorted at every depth, and `<`, `>`,
 * `&`, U+2028 and U+2029 escaped, as Go escapes them for HTML safety.
 */
export function goJsonMarshal(value: unknown): string {
  return JSON.stringify(sortedKeys(value)).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
