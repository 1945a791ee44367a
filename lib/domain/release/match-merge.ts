import { matchesWholeRe2, isPresenceMatch, stringMatchOperators } from '../istio/string-match';
import { canonicalJson, semanticEqual } from '../kube/semantic-equal';
import type { HTTPMatchRequest, StringMatch } from '../istio/types';

/**
 * The AND of two HTTPMatchRequest blocks as ONE block, when Istio can say it: a content rule
 * applied to a route of someone else's VirtualService must hold only where that route's own
 * match holds. Every outcome is exact: a merged block holds for precisely the requests both
 * blocks hold for; `disjoint` means no request can hold for both (so leaving the combination out
 * loses nothing); `inexpressible` means some requests hold for both but no single block says so
 * (say, two different regexes on one header), and leaving it out loses them.
 */

export type MergeOutcome<T> =
  { kind: 'merged'; value: T } | { kind: 'disjoint' } | { kind: 'inexpressible'; reason: string };

const merged = <T>(value: T): MergeOutcome<T> => ({ kind: 'merged', value });
const disjoint = { kind: 'disjoint' } as const;
const inexpressible = (reason: string) => ({ kind: 'inexpressible', reason }) as const;

function describe(match: StringMatch): string {
  const operators = stringMatchOperators(match);
  if (operators.length === 0) return 'present';
  return operators.map((operator) => `${operator} ${JSON.stringify(match[operator])}`).join(', ');
}

function sameStringMatch(a: StringMatch, b: StringMatch): boolean {
  return a.exact === b.exact && a.prefix === b.prefix && a.regex === b.regex;
}

/** Envoy's `uri` prefix sees `:path` with its query, while exact and regex see the path alone. */
const queryStart = new Set(['?', '#']);

interface StringMatchSides {
  /** The field, for the reason given when the two cannot be AND-ed. */
  field: string;
  /** A `uri` match (prefix sees the query string, exact and regex do not). */
  uri?: boolean;
  /** Both sides compare exact and prefix without case (a `uri` with `ignoreUriCase`). */
  ignoreCase?: boolean;
}

/**
 * The AND of two StringMatches on the same value, as one of them (never a new pattern): presence
 * gives way to anything, an exact value must satisfy the other side, of two prefixes the longer
 * must extend the shorter. A regex beside anything but an exact value (or the same regex) cannot
 * be AND-ed in one StringMatch.
 */
export function intersectStringMatch(
  a: StringMatch,
  b: StringMatch,
  sides: StringMatchSides,
): MergeOutcome<StringMatch> {
  if (sameStringMatch(a, b) || isPresenceMatch(b)) return merged(a);
  if (isPresenceMatch(a)) return merged(b);
  const cannot = inexpressible(
    `${sides.field}: ${describe(a)} and ${describe(b)} cannot be AND-ed in one match block`,
  );
  if (stringMatchOperators(a).length !== 1 || stringMatchOperators(b).length !== 1) return cannot;
  const fold = (text: string) => (sides.ignoreCase ? text.toLowerCase() : text);
  // Order the pair exact < prefix < regex, so each combination is handled once.
  const rank = (m: StringMatch) => (m.exact !== undefined ? 0 : m.prefix !== undefined ? 1 : 2);
  const [x, y] = rank(a) <= rank(b) ? [a, b] : [b, a];
  if (x.exact !== undefined) {
    const value = x.exact;
    if (y.exact !== undefined) return fold(value) === fold(y.exact) ? merged(x) : disjoint;
    if (y.prefix !== undefined) {
      const prefix = y.prefix;
      if (!sides.uri || prefix.length <= value.length)
        return fold(value).startsWith(fold(prefix)) ? merged(x) : disjoint;
      // A uri prefix reaching past the exact path into the query: the prefix alone implies the path.
      return fold(prefix).startsWith(fold(value)) && queryStart.has(prefix[value.length]!)
        ? merged(y)
        : disjoint;
    }
    // Envoy ignores case for exact and prefix but never for a regex: no one block says both.
    if (sides.ignoreCase) return cannot;
    return matchesWholeRe2(y.regex!, value) ? merged(x) : disjoint;
  }
  if (x.prefix !== undefined && y.prefix !== undefined) {
    const [shorter, longer] = x.prefix.length <= y.prefix.length ? [x, y] : [y, x];
    return fold(longer.prefix!).startsWith(fold(shorter.prefix!)) ? merged(longer) : disjoint;
  }
  return cannot;
}

type StringMatchMap = Record<string, StringMatch>;

/** Two maps of StringMatches AND-ed key by key (`caseInsensitiveKeys` for header names). */
function mergeStringMatchMaps(
  a: StringMatchMap,
  b: StringMatchMap,
  field: string,
  caseInsensitiveKeys: boolean,
  combine: (x: StringMatch, y: StringMatch, key: string) => MergeOutcome<StringMatch>,
): MergeOutcome<StringMatchMap> {
  const keyOf = (name: string) => (caseInsensitiveKeys ? name.toLowerCase() : name);
  const out: StringMatchMap = { ...a };
  const names = new Map(Object.keys(a).map((name) => [keyOf(name), name]));
  for (const [name, match] of Object.entries(b)) {
    const existing = names.get(keyOf(name));
    if (existing === undefined) {
      out[name] = match;
      continue;
    }
    const outcome = combine(out[existing]!, match, `${field} "${existing}"`);
    if (outcome.kind !== 'merged') return outcome;
    out[existing] = outcome.value;
  }
  return merged(out);
}

function mergeUri(a: HTTPMatchRequest, b: HTTPMatchRequest): MergeOutcome<HTTPMatchRequest> {
  const uriOf = (m: HTTPMatchRequest): HTTPMatchRequest =>
    m.uri === undefined
      ? {}
      : {
          uri: m.uri,
          ...(m.ignoreUriCase !== undefined ? { ignoreUriCase: m.ignoreUriCase } : {}),
        };
  if (!b.uri) return merged(uriOf(a));
  if (!a.uri) return merged(uriOf(b));
  // `ignoreUriCase` reaches exact and prefix only (Envoy keeps regexes case-sensitive).
  const foldsCase = (m: HTTPMatchRequest) => m.ignoreUriCase === true && m.uri!.regex === undefined;
  if (foldsCase(a) === foldsCase(b)) {
    const outcome = intersectStringMatch(a.uri, b.uri, {
      field: 'uri',
      uri: true,
      ignoreCase: foldsCase(a),
    });
    if (outcome.kind !== 'merged') return outcome;
    return merged(uriOf(outcome.value === a.uri ? a : b));
  }
  // One side folds case and the other does not: only an exact path on the strict side says both.
  const [strict, folding] = foldsCase(a) ? [b, a] : [a, b];
  if (isPresenceMatch(folding.uri!)) return merged(uriOf(strict));
  if (isPresenceMatch(strict.uri!)) return merged(uriOf(folding));
  const exact = strict.uri!.exact;
  const other = folding.uri!;
  if (exact === undefined || stringMatchOperators(strict.uri!).length !== 1)
    return inexpressible(
      `uri: ${describe(strict.uri!)} and ${describe(other)} (case ignored) cannot be AND-ed in one match block`,
    );
  const outcome = intersectStringMatch(strict.uri!, other, {
    field: 'uri',
    uri: true,
    ignoreCase: true,
  });
  // The exact path met the case-folded side: that path, case-sensitive, is the AND.
  if (outcome.kind === 'merged' && outcome.value === strict.uri) return merged(uriOf(strict));
  if (outcome.kind === 'disjoint') return outcome;
  return inexpressible(
    `uri: ${describe(strict.uri!)} and ${describe(other)} (case ignored) cannot be AND-ed in one match block`,
  );
}

/** A match field read back from the API server has its keys sorted: compare by meaning. */
function sameJson(a: unknown, b: unknown): boolean {
  return semanticEqual(a, b);
}

/** Fields merged by their own rules below; any other field must agree when both blocks set it. */
const modelledFields = new Set([
  'name',
  'uri',
  'ignoreUriCase',
  'scheme',
  'method',
  'authority',
  'headers',
  'withoutHeaders',
  'queryParams',
  'port',
  'sourceLabels',
  'gateways',
  'sourceNamespace',
]);

const hasSourceFields = (m: HTTPMatchRequest) =>
  Object.keys(m.sourceLabels ?? {}).length > 0 || Boolean(m.sourceNamespace);
const hasGateways = (m: HTTPMatchRequest) => (m.gateways?.length ?? 0) > 0;

/** The proxy-scope fields: which proxy (gateway, caller, port) configures the block. */
function mergeScope(a: HTTPMatchRequest, b: HTTPMatchRequest): MergeOutcome<HTTPMatchRequest> {
  const out: HTTPMatchRequest = {};
  const portA = a.port || undefined;
  const portB = b.port || undefined;
  if (portA !== undefined && portB !== undefined && portA !== portB) return disjoint;
  if (a.port !== undefined || b.port !== undefined) out.port = portA ?? portB ?? a.port ?? b.port;
  if (a.sourceNamespace && b.sourceNamespace && a.sourceNamespace !== b.sourceNamespace)
    return disjoint;
  const sourceNamespace = a.sourceNamespace ?? b.sourceNamespace;
  if (sourceNamespace !== undefined) out.sourceNamespace = sourceNamespace;
  if (a.sourceLabels || b.sourceLabels) {
    const labels = { ...a.sourceLabels };
    for (const [name, value] of Object.entries(b.sourceLabels ?? {})) {
      if (labels[name] !== undefined && labels[name] !== value) return disjoint;
      labels[name] = value;
    }
    out.sourceLabels = labels;
  }
  if (
    hasGateways(a) &&
    hasGateways(b) &&
    !sameJson([...a.gateways!].sort(), [...b.gateways!].sort())
  )
    return inexpressible(
      `gateways: ${a.gateways!.join(', ')} and ${b.gateways!.join(', ')} cannot be AND-ed in one match block`,
    );
  // A block naming gateways makes Istio ignore its source fields: they would be lost.
  if (
    (hasGateways(a) && !hasGateways(b) && hasSourceFields(b)) ||
    (hasGateways(b) && !hasGateways(a) && hasSourceFields(a))
  )
    return inexpressible(
      'gateways and sourceLabels/sourceNamespace from different blocks cannot be AND-ed (Istio ignores source fields beside gateways)',
    );
  const gateways = a.gateways ?? b.gateways;
  if (gateways !== undefined)
    out.gateways = hasGateways(a) ? a.gateways! : (b.gateways ?? gateways);
  return merged(out);
}

/**
 * The AND of two match blocks as one block, field by field: single StringMatch fields
 * intersected, header and query maps merged (a name in both intersected), `withoutHeaders` merged
 * (a name in both must exclude the same), proxy-scope fields (port, source, gateways) combined.
 * `a`'s `name` is kept. Fields Aviary does not model must be equal when both set them.
 */
export function mergeMatchBlocks(
  a: HTTPMatchRequest,
  b: HTTPMatchRequest,
): MergeOutcome<HTTPMatchRequest> {
  const out: HTTPMatchRequest = {};
  const name = a.name ?? b.name;
  if (name !== undefined) out.name = name;

  const uri = mergeUri(a, b);
  if (uri.kind !== 'merged') return uri;
  Object.assign(out, uri.value);

  for (const field of ['scheme', 'method', 'authority'] as const) {
    const x = a[field];
    const y = b[field];
    if (!x || !y) {
      if (x ?? y) out[field] = (x ?? y)!;
      continue;
    }
    const outcome = intersectStringMatch(x, y, { field });
    if (outcome.kind !== 'merged') return outcome;
    out[field] = outcome.value;
  }

  const maps = [
    ['headers', true, (x, y, key) => intersectStringMatch(x, y, { field: key })],
    ['queryParams', false, (x, y, key) => intersectStringMatch(x, y, { field: key })],
    [
      'withoutHeaders',
      true,
      (x, y, key) =>
        sameStringMatch(x, y)
          ? merged(x)
          : inexpressible(
              `${key}: excluding ${describe(x)} and ${describe(y)} cannot be said in one match block`,
            ),
    ],
  ] as const satisfies readonly (readonly [
    'headers' | 'queryParams' | 'withoutHeaders',
    boolean,
    (x: StringMatch, y: StringMatch, key: string) => MergeOutcome<StringMatch>,
  ])[];
  for (const [field, caseInsensitive, combine] of maps) {
    if (!a[field] && !b[field]) continue;
    const outcome = mergeStringMatchMaps(
      a[field] ?? {},
      b[field] ?? {},
      field,
      caseInsensitive,
      combine,
    );
    if (outcome.kind !== 'merged') return outcome;
    out[field] = outcome.value;
  }

  const scope = mergeScope(a, b);
  if (scope.kind !== 'merged') return scope;
  Object.assign(out, scope.value);

  // Fields this version of Aviary does not model (a newer Istio's): kept, and must agree.
  const extra = out as Record<string, unknown>;
  for (const [side, other] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const [field, value] of Object.entries(side)) {
      if (modelledFields.has(field) || field in extra) continue;
      const otherValue = (other as Record<string, unknown>)[field];
      if (otherValue !== undefined && !sameJson(value, otherValue))
        return inexpressible(`${field}: the two blocks set different values`);
      extra[field] = value;
    }
  }
  return merged(out);
}

export interface CombinedMatch {
  /** The blocks of the AND (OR-ed among themselves); empty when no combination survived. */
  match: HTTPMatchRequest[];
  /** Why combinations were left out although requests could hold for both (one per combination). */
  inexpressible: string[];
}

/**
 * The AND of a route's match (its blocks OR-ed; none means every request) and a rule's match, as
 * blocks: the cross product of both lists, each pair merged; disjoint pairs are left out silently
 * (no request holds for them), inexpressible ones reported. Duplicate blocks appear once.
 */
export function combineMatches(
  routeMatch: readonly HTTPMatchRequest[] | undefined,
  ruleMatch: readonly HTTPMatchRequest[],
): CombinedMatch {
  const routeBlocks = routeMatch?.length ? routeMatch : [{}];
  const match: HTTPMatchRequest[] = [];
  const seen = new Set<string>();
  const reasons: string[] = [];
  for (const routeBlock of routeBlocks) {
    for (const ruleBlock of ruleMatch) {
      const outcome = mergeMatchBlocks(routeBlock, ruleBlock);
      if (outcome.kind === 'inexpressible') reasons.push(outcome.reason);
      if (outcome.kind !== 'merged') continue;
      const key = canonicalJson(outcome.value);
      if (seen.has(key)) continue;
      seen.add(key);
      match.push(outcome.value);
    }
  }
  return { match, inexpressible: reasons };
}
