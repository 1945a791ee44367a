import type { HTTPMatchRequest, StringMatch } from './types';

/**
 * Builders that turn a user's request-content rule (KubeSphere style: header, cookie, URI,
 * client OS) into ONE HTTPMatchRequest block. All conditions of one rule are AND-ed, so they must
 * share a block: splitting them into several blocks would OR them (a known bug of one console).
 */

export type StringOperator = 'exact' | 'prefix' | 'regex';

export type ClientOs = 'android' | 'ios' | 'windows' | 'macos' | 'linux';

export type RequestCondition =
  | { kind: 'header'; name: string; operator: StringOperator; value: string }
  | { kind: 'cookie'; name: string; value: string }
  | { kind: 'uri'; operator: StringOperator; value: string }
  | { kind: 'client-os'; os: ClientOs };

export type MatchBlockResult = { ok: true; match: HTTPMatchRequest } | { ok: false; error: string };

/** Escapes every RE2 metacharacter so the text matches only itself. */
export function escapeRe2(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * A regex on the `cookie` header that holds when the cookie `name` has exactly `value`, wherever
 * it sits: browsers separate cookies with "; " (the form quoted in docs forgets the space).
 */
export function cookieRegex(name: string, value: string): string {
  return `^(.*?;\\s*)?(${escapeRe2(name)}=${escapeRe2(value)})(;.*)?$`;
}

/**
 * User-Agent regexes per client OS, whole-value like every Envoy regex. RE2 has no look-ahead, so
 * they are built from tokens that exclude each other: an iPhone says "like Mac OS X" (macOS keys
 * on "Macintosh") and Android says "Linux; Android" (desktop Linux keys on its "X11" platform).
 */
const clientOsUserAgentRegex: Record<ClientOs, string> = {
  android: '.*Android.*',
  ios: '.*(iPhone|iPad|iPod).*',
  windows: '.*Windows.*',
  macos: '.*Macintosh.*',
  linux: '.*\\(X11;[^)]*Linux[^)]*\\).*',
};

/** The regex on the `user-agent` header that identifies a client OS. */
export function clientOsRegex(os: ClientOs): string {
  return clientOsUserAgentRegex[os];
}

export function stringMatchOf(operator: StringOperator, value: string): StringMatch {
  return { [operator]: value };
}

/** Header names in HTTP/2 (and Envoy) are lower-case tokens. */
const headerNamePattern = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/** A cookie name is an HTTP token: no separators, spaces or "=". */
const cookieNamePattern = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

function headerConditionOf(condition: RequestCondition): [string, StringMatch] | undefined {
  switch (condition.kind) {
    case 'header':
      return [condition.name.toLowerCase(), stringMatchOf(condition.operator, condition.value)];
    case 'cookie':
      return ['cookie', { regex: cookieRegex(condition.name, condition.value) }];
    case 'client-os':
      return ['user-agent', { regex: clientOsRegex(condition.os) }];
    case 'uri':
      return undefined;
  }
}

/**
 * Builds the single match block of one rule, every condition AND-ed. Two conditions on the same
 * header (or two URI conditions) cannot share a block, since a block holds one StringMatch per
 * header; that is reported rather than silently turned into an OR.
 * @returns the block, or why the conditions cannot form one.
 */
export function buildMatchBlock(conditions: readonly RequestCondition[]): MatchBlockResult {
  if (conditions.length === 0) return { ok: false, error: 'a rule needs at least one condition' };
  const match: HTTPMatchRequest = {};
  const headers: Record<string, StringMatch> = {};
  for (const condition of conditions) {
    if (condition.kind === 'uri') {
      if (match.uri) return { ok: false, error: 'a rule can hold only one URI condition' };
      match.uri = stringMatchOf(condition.operator, condition.value);
      continue;
    }
    if (condition.kind === 'cookie' && !cookieNamePattern.test(condition.name)) {
      return { ok: false, error: `"${condition.name}" is not a valid cookie name` };
    }
    const [name, stringMatch] = headerConditionOf(condition) ?? ['', {}];
    if (!headerNamePattern.test(name))
      return { ok: false, error: `"${name}" is not a valid header name` };
    if (headers[name]) {
      return {
        ok: false,
        error: `two conditions on header "${name}" cannot be AND-ed in one match block`,
      };
    }
    headers[name] = stringMatch;
  }
  if (Object.keys(headers).length > 0) match.headers = headers;
  return { ok: true, match };
}
