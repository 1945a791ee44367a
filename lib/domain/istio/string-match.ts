import { RE2JS } from 're2js';
import type { StringMatch } from './types';

/**
 * Istio's StringMatch, evaluated the way Envoy does once Istio has translated it: `exact` and
 * `prefix` compare characters, `regex` is RE2 matched against the WHOLE value, and a match with no
 * operator (or the regex `*`, which Istio turns into Envoy's present_match) only asks that the
 * value exists.
 */

export type StringMatchOperator = 'exact' | 'prefix' | 'regex';

/** Operators in the order evaluation honours them when an invalid object sets several. */
const operatorPrecedence: readonly StringMatchOperator[] = ['exact', 'prefix', 'regex'];

/** The operators a StringMatch sets; more than one is invalid in Istio (a protobuf oneof). */
export function stringMatchOperators(match: StringMatch): StringMatchOperator[] {
  return operatorPrecedence.filter((operator) => match[operator] !== undefined);
}

/**
 * Whether a StringMatch only checks presence: no operator at all, or Istio's special regex `*`
 * (not valid RE2, which is why Istio rewrites it to a presence check).
 */
export function isPresenceMatch(match: StringMatch): boolean {
  const operators = stringMatchOperators(match);
  return operators.length === 0 || (operators.length === 1 && match.regex === '*');
}

export type Re2Compilation = { ok: true; regex: RE2JS } | { ok: false; error: string };

/**
 * Compiled patterns, most recently used last. The data plane evaluates the same few patterns on
 * every request, so compiling each once matters; the bound keeps a stream of distinct patterns
 * (say, from a console user typing) from growing memory without end.
 */
const compiledPatterns = new Map<string, Re2Compilation>();
const compiledPatternLimit = 512;

/**
 * Compiles an RE2 pattern (re2js: linear time, no look-around, no back-references), remembering
 * the result, failures included, in a bounded least-recently-used cache.
 * @returns the compiled pattern, or the compile error as RE2 words it.
 */
export function compileRe2(pattern: string): Re2Compilation {
  const cached = compiledPatterns.get(pattern);
  if (cached) {
    compiledPatterns.delete(pattern);
    compiledPatterns.set(pattern, cached);
    return cached;
  }
  let compilation: Re2Compilation;
  try {
    compilation = { ok: true, regex: RE2JS.compile(pattern) };
  } catch (error) {
    compilation = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  compiledPatterns.set(pattern, compilation);
  if (compiledPatterns.size > compiledPatternLimit) {
    const oldest = compiledPatterns.keys().next().value;
    if (oldest !== undefined) compiledPatterns.delete(oldest);
  }
  return compilation;
}

/** How many compiled patterns the cache holds (exposed so its bound can be tested). */
export function compiledPatternCount(): number {
  return compiledPatterns.size;
}

/**
 * Whether `value` matches the RE2 `pattern` as a whole (Envoy anchors safe_regex matches at both
 * ends). A pattern that does not compile matches nothing: Istio would have refused the object.
 */
export function matchesWholeRe2(pattern: string, value: string): boolean {
  const compilation = compileRe2(pattern);
  return compilation.ok && compilation.regex.testExact(value);
}

export interface StringMatchOptions {
  /**
   * Compare `exact` and `prefix` without case (a `uri` match with `ignoreUriCase`). Envoy ignores
   * this flag for regex routes, so a regex stays case-sensitive; write `(?i)` for that.
   */
  ignoreCase?: boolean;
}

/**
 * Evaluates a StringMatch against a value; `undefined` is an absent value, which only a match
 * can never hold for (callers that treat absence as the empty string pass `''`).
 */
export function evaluateStringMatch(
  match: StringMatch,
  value: string | undefined,
  options: StringMatchOptions = {},
): boolean {
  if (value === undefined) return false;
  if (isPresenceMatch(match)) return true;
  const ignoreCase = options.ignoreCase === true;
  if (match.exact !== undefined) {
    return ignoreCase ? value.toLowerCase() === match.exact.toLowerCase() : value === match.exact;
  }
  if (match.prefix !== undefined) {
    return ignoreCase
      ? value.toLowerCase().startsWith(match.prefix.toLowerCase())
      : value.startsWith(match.prefix);
  }
  return match.regex !== undefined && matchesWholeRe2(match.regex, value);
}
