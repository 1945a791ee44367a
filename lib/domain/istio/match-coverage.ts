import { evaluateStringMatch, isPresenceMatch } from './string-match';
import type { HTTPMatchRequest, StringMatch } from './types';

/**
 * Whether an earlier match block holds for every request a later one holds for, when that is
 * TRIVIALLY visible: field by field, each condition of the earlier block must follow from the
 * same field of the later one. It never claims coverage falsely; it may miss clever overlaps
 * (two regexes), which only costs a missing warning.
 */

/** Whether every value `narrower` accepts is accepted by `wider` (both on the same field). */
export function stringMatchImplies(
  narrower: StringMatch | undefined,
  wider: StringMatch | undefined,
  ignoreCase = false,
): boolean {
  if (!wider) return true;
  if (!narrower) return false;
  if (isPresenceMatch(wider)) return true;
  if (isPresenceMatch(narrower)) return false;
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  if (wider.exact !== undefined)
    return narrower.exact !== undefined && fold(narrower.exact) === fold(wider.exact);
  if (wider.prefix !== undefined) {
    const narrowerText = narrower.exact ?? narrower.prefix;
    return narrowerText !== undefined && fold(narrowerText).startsWith(fold(wider.prefix));
  }
  if (wider.regex !== undefined) {
    if (narrower.regex !== undefined) return narrower.regex === wider.regex;
    return narrower.exact !== undefined && evaluateStringMatch(wider, narrower.exact);
  }
  return false;
}

function lowerCaseKeys(map: Record<string, StringMatch> | undefined): Map<string, StringMatch> {
  return new Map(Object.entries(map ?? {}).map(([name, match]) => [name.toLowerCase(), match]));
}

function mapImplies(
  narrower: Record<string, StringMatch> | undefined,
  wider: Record<string, StringMatch> | undefined,
): boolean {
  const narrowerByName = lowerCaseKeys(narrower);
  return [...lowerCaseKeys(wider)].every(([name, match]) =>
    stringMatchImplies(narrowerByName.get(name), match),
  );
}

function sameStringMatch(a: StringMatch | undefined, b: StringMatch | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.exact === b.exact &&
    a.prefix === b.prefix &&
    a.regex === b.regex
  );
}

/** A `withoutHeaders` entry of the wider block follows from the narrower one excluding the same, or fixing a value it excludes. */
function withoutHeadersImplied(narrower: HTTPMatchRequest, wider: HTTPMatchRequest): boolean {
  const narrowerWithout = lowerCaseKeys(narrower.withoutHeaders);
  const narrowerHeaders = lowerCaseKeys(narrower.headers);
  return [...lowerCaseKeys(wider.withoutHeaders)].every(([name, excluded]) => {
    if (sameStringMatch(narrowerWithout.get(name), excluded)) return true;
    const fixed = narrowerHeaders.get(name)?.exact;
    return (
      fixed !== undefined && !isPresenceMatch(excluded) && !evaluateStringMatch(excluded, fixed)
    );
  });
}

/** Every `:path` starts with "/", so these uri matches hold for every request (Istio's catch-all test). */
function matchesEveryPath(uri: StringMatch): boolean {
  if (isPresenceMatch(uri)) return true;
  if (uri.exact !== undefined) return false;
  return (
    uri.prefix === '/' || (uri.prefix === undefined && (uri.regex === '.*' || uri.regex === '/.*'))
  );
}

/** The uri condition, with `ignoreUriCase`: a case-insensitive block is wider than a case-sensitive one. */
function uriImplied(narrower: HTTPMatchRequest, wider: HTTPMatchRequest): boolean {
  if (!wider.uri || matchesEveryPath(wider.uri)) return true;
  const widerIgnoresCase = wider.ignoreUriCase === true && wider.uri.regex === undefined;
  const narrowerIgnoresCase = narrower.ignoreUriCase === true && narrower.uri?.regex === undefined;
  if (narrowerIgnoresCase && !widerIgnoresCase) return false;
  return stringMatchImplies(narrower.uri, wider.uri, widerIgnoresCase);
}

/** Conditions that choose the proxy (gateway, caller, port), with Istio's rule that `gateways` hides the source fields. */
function proxyScopeImplied(narrower: HTTPMatchRequest, wider: HTTPMatchRequest): boolean {
  if (wider.port && wider.port !== narrower.port) return false;
  const widerGateways = wider.gateways ?? [];
  const narrowerGateways = narrower.gateways ?? [];
  if (widerGateways.length > 0) {
    return (
      narrowerGateways.length > 0 &&
      narrowerGateways.every((gateway) => widerGateways.includes(gateway))
    );
  }
  const sourceLabels = Object.entries(wider.sourceLabels ?? {});
  if (narrowerGateways.length > 0) return sourceLabels.length === 0 && !wider.sourceNamespace;
  const labelsImplied = sourceLabels.every(
    ([name, value]) => narrower.sourceLabels?.[name] === value,
  );
  return (
    labelsImplied && (!wider.sourceNamespace || wider.sourceNamespace === narrower.sourceNamespace)
  );
}

/**
 * Whether block `wider` holds for every request block `narrower` holds for. A missing block (a
 * rule without `match`) holds for everything.
 */
export function matchBlockCovers(
  wider: HTTPMatchRequest | undefined,
  narrower: HTTPMatchRequest | undefined,
): boolean {
  if (!wider) return true;
  const later = narrower ?? {};
  return (
    proxyScopeImplied(later, wider) &&
    uriImplied(later, wider) &&
    stringMatchImplies(later.method, wider.method) &&
    stringMatchImplies(later.authority, wider.authority) &&
    stringMatchImplies(later.scheme, wider.scheme) &&
    mapImplies(later.headers, wider.headers) &&
    mapImplies(later.queryParams, wider.queryParams) &&
    withoutHeadersImplied(later, wider)
  );
}
