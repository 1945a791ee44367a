/**
 * Label selectors as apimachinery's `labels` package models them: a list of requirements that
 * must all hold (comma = AND). Plain data, so a parsed selector can be cached or sent anywhere.
 */

/** selection.Operator spellings, as Requirement.String() prints them. */
export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Sorted and unique for in/notin; one value for =, ==, !=, gt, lt; empty for exists and !. */
  values: string[];
}

export interface LabelSelector {
  requirements: LabelRequirement[];
  /**
   * True for labels.Nothing(): what a nil LabelSelector object means (a Deployment or PDB with no
   * selector selects nothing), as opposed to an empty selector, which selects everything.
   */
  matchesNothing?: boolean;
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** The selector that matches every object (an empty `labelSelector`). */
export const everything: LabelSelector = { requirements: [] };

/** The selector that matches no object. */
export const nothing: LabelSelector = { requirements: [], matchesNothing: true };

function has(labels: Labels, key: string): boolean {
  return labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
}

// Go's strconv.ParseInt(s, 10, 64): optional sign, decimal digits, int64 range.
function parseInt64(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= -(2n ** 63n) && value < 2n ** 63n ? value : undefined;
}

/** Requirement.Matches: `!=` and `notin` also match objects that lack the key. */
export function matchesRequirement(requirement: LabelRequirement, labels: Labels): boolean {
  const { key, operator, values } = requirement;
  switch (operator) {
    case 'in':
    case '=':
    case '==':
      return has(labels, key) && values.includes(labels?.[key] ?? '');
    case 'notin':
    case '!=':
      return !has(labels, key) || !values.includes(labels?.[key] ?? '');
    case 'exists':
      return has(labels, key);
    case '!':
      return !has(labels, key);
    case 'gt':
    case 'lt': {
      if (!has(labels, key) || values.length !== 1) return false;
      const actual = parseInt64(labels?.[key] ?? '');
      const bound = parseInt64(values[0] ?? '');
      if (actual === undefined || bound === undefined) return false;
      return operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

/** True when every requirement holds for `labels` (a missing label map counts as empty). */
export function matchesLabels(selector: LabelSelector, labels: Labels): boolean {
  if (selector.matchesNothing) return false;
  return selector.requirements.every((requirement) => matchesRequirement(requirement, labels));
}

/** True for the selector that matches everything. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return !selector.matchesNothing && selector.requirements.length === 0;
}

const infix: Partial<Record<LabelOperator, string>> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
};

/** Requirement.String(): `a=b`, `a in (x,y)`, `a`, `!a`, `a>5`. */
export function formatRequirement({ key, operator, values }: LabelRequirement): string {
  if (operator === 'exists') return key;
  if (operator === '!') return `!${key}`;
  const list = [...values].sort().join(',');
  const body = operator === 'in' || operator === 'notin' ? `(${list})` : list;
  return `${key}${infix[operator]}${body}`;
}

/**
 * Selector.String(): requirements sorted by key and joined by commas. This is the form a scale
 * subresource reports in `status.selector` and kubectl prints.
 */
export function formatLabelSelector(selector: LabelSelector): string {
  return [...selector.requirements]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(formatRequirement)
    .join(',');
}
