import { RE2JS } from 're2js';
import type { LabelMatcher, MatchOperator } from '../metrics/label-matcher';
import { badData } from './errors';

/**
 * A compiled label matcher. Regexes are RE2, fully anchored as Prometheus anchors them
 * (`^(?:re)$`), so `=~"v1"` does not match "v10"; an invalid regex is refused as bad_data with
 * Go's wording.
 */
export function compileMatcher(name: string, op: MatchOperator, value: string): LabelMatcher {
  if (op === '=') return { name, op, value, test: (v) => v === value };
  if (op === '!=') return { name, op, value, test: (v) => v !== value };
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(`^(?:${value})$`);
  } catch (error) {
    throw badData(error instanceof Error ? error.message : `error parsing regexp: ${value}`);
  }
  // A matcher decides the same few label values over and over (one per series); caching the
  // verdicts keeps RE2's automaton off the hot path of range queries.
  const verdicts = new Map<string, boolean>();
  const matches = (v: string): boolean => {
    let verdict = verdicts.get(v);
    if (verdict === undefined) {
      verdict = regex.matches(v);
      if (verdicts.size < 10_000) verdicts.set(v, verdict);
    }
    return verdict;
  };
  return op === '=~'
    ? { name, op, value, test: matches }
    : { name, op, value, test: (v) => !matches(v) };
}
