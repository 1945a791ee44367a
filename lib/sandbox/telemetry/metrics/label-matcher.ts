import type { Labels } from './labels';

/** The four PromQL matcher operators. */
export type MatchOperator = '=' | '!=' | '=~' | '!~';

/**
 * One label matcher, compiled: `test` decides a label value (the empty string when the series
 * lacks the label, as in Prometheus, so `{a=""}` selects series without `a`).
 */
export interface LabelMatcher {
  readonly name: string;
  readonly op: MatchOperator;
  readonly value: string;
  readonly test: (value: string) => boolean;
}

/** True when every matcher accepts the series' label set. */
export function matchesAll(labels: Labels, matchers: readonly LabelMatcher[]): boolean {
  for (const matcher of matchers) {
    if (!matcher.test(labels[matcher.name] ?? '')) return false;
  }
  return true;
}
