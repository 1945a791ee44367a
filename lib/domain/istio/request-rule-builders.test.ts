import { describe, expect, it } from 'vitest';
import { matchBlockHolds } from './http-match';
import {
  buildMatchBlock,
  clientOsRegex,
  cookieRegex,
  escapeRe2,
  type ClientOs,
  type RequestCondition,
} from './request-rule-builders';
import { routeRequest } from './route-request';
import {
  configWith,
  describeDecision,
  meshRequest,
  reviewsWith,
  toReviews,
} from './routing.fixture';
import { evaluateStringMatch } from './string-match';

const userAgents: Record<string, string> = {
  android:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  windows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  linux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  ubuntuFirefox: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  curl: 'curl/8.5.0',
};

describe('clientOsRegex', () => {
  const expected: Record<ClientOs, string[]> = {
    android: ['android'],
    ios: ['iphone', 'ipad'],
    windows: ['windows'],
    macos: ['mac'],
    linux: ['linux', 'ubuntuFirefox'],
  };
  it.each(Object.entries(expected) as [ClientOs, string[]][])(
    '%s matches exactly %j',
    (os, agents) => {
      const matching = Object.entries(userAgents)
        .filter(([, agent]) => evaluateStringMatch({ regex: clientOsRegex(os) }, agent))
        .map(([name]) => name);
      expect(matching).toEqual(agents);
    },
  );
});

describe('cookieRegex', () => {
  it.each<[string, string, string, boolean]>([
    ['user', 'jason', 'user=jason', true],
    ['user', 'jason', 'a=1; user=jason', true],
    ['user', 'jason', 'a=1;user=jason', true],
    ['user', 'jason', 'a=1; user=jason; b=2', true],
    ['user', 'jason', 'a=1;  user=jason', true],
    ['user', 'jason', 'a=1; user=jasonx', false],
    ['user', 'jason', 'a=1; xuser=jason', false],
    ['user', 'jason', 'user=json', false],
    ['user', 'j.son', 'user=jxson', false],
    ['user', 'j.son', 'user=j.son', true],
    ['canary+flag', 'a(b)', 'x=1; canary+flag=a(b)', true],
  ])('%s=%s in %j: %j', (name, value, cookie, expected) => {
    expect(evaluateStringMatch({ regex: cookieRegex(name, value) }, cookie)).toBe(expected);
  });

  it('escapes every RE2 metacharacter', () => {
    const text = '.+*?()|[]{}^$\\';
    expect(evaluateStringMatch({ regex: escapeRe2(text) }, text)).toBe(true);
  });
});

describe('buildMatchBlock', () => {
  it.each<[string, RequestCondition[], object]>([
    [
      'header exact',
      [{ kind: 'header', name: 'End-User', operator: 'exact', value: 'jason' }],
      { headers: { 'end-user': { exact: 'jason' } } },
    ],
    [
      'header prefix',
      [{ kind: 'header', name: 'x-team', operator: 'prefix', value: 'qa-' }],
      { headers: { 'x-team': { prefix: 'qa-' } } },
    ],
    [
      'uri regex',
      [{ kind: 'uri', operator: 'regex', value: '/api/v[0-9]+/.*' }],
      { uri: { regex: '/api/v[0-9]+/.*' } },
    ],
    [
      'cookie',
      [{ kind: 'cookie', name: 'user', value: 'jason' }],
      { headers: { cookie: { regex: '^(.*?;\\s*)?(user=jason)(;.*)?$' } } },
    ],
    [
      'client OS',
      [{ kind: 'client-os', os: 'android' }],
      { headers: { 'user-agent': { regex: '.*Android.*' } } },
    ],
    [
      'all of them in ONE block',
      [
        { kind: 'header', name: 'end-user', operator: 'exact', value: 'jason' },
        { kind: 'cookie', name: 'beta', value: 'on' },
        { kind: 'uri', operator: 'prefix', value: '/reviews' },
        { kind: 'client-os', os: 'ios' },
      ],
      {
        uri: { prefix: '/reviews' },
        headers: {
          'end-user': { exact: 'jason' },
          cookie: { regex: '^(.*?;\\s*)?(beta=on)(;.*)?$' },
          'user-agent': { regex: '.*(iPhone|iPad|iPod).*' },
        },
      },
    ],
  ])('%s', (_name, conditions, match) => {
    expect(buildMatchBlock(conditions)).toEqual({ ok: true, match });
  });

  it.each<[string, RequestCondition[], string]>([
    ['no condition', [], 'at least one condition'],
    [
      'two cookies',
      [
        { kind: 'cookie', name: 'a', value: '1' },
        { kind: 'cookie', name: 'b', value: '2' },
      ],
      'header "cookie"',
    ],
    [
      'client OS and a user-agent header',
      [
        { kind: 'client-os', os: 'linux' },
        { kind: 'header', name: 'user-agent', operator: 'prefix', value: 'curl' },
      ],
      'header "user-agent"',
    ],
    [
      'two URIs',
      [
        { kind: 'uri', operator: 'prefix', value: '/a' },
        { kind: 'uri', operator: 'prefix', value: '/b' },
      ],
      'one URI condition',
    ],
    [
      'a header name with a space',
      [{ kind: 'header', name: 'end user', operator: 'exact', value: 'x' }],
      'not a valid header name',
    ],
    [
      'a cookie name with "="',
      [{ kind: 'cookie', name: 'a=b', value: 'x' }],
      'not a valid cookie name',
    ],
  ])('refuses %s', (_name, conditions, error) => {
    const result = buildMatchBlock(conditions);
    expect(result.ok ? '' : result.error).toContain(error);
  });

  it.each<[string, Record<string, string>, string, string]>([
    [
      'every condition holds',
      { 'end-user': 'jason', cookie: 'sid=1; beta=on', 'user-agent': userAgents.iphone ?? '' },
      '/reviews/0',
      'reviews/v2',
    ],
    [
      'the cookie is missing: AND fails',
      { 'end-user': 'jason', 'user-agent': userAgents.iphone ?? '' },
      '/reviews/0',
      'reviews/v1',
    ],
    [
      'another OS: AND fails',
      { 'end-user': 'jason', cookie: 'beta=on', 'user-agent': userAgents.android ?? '' },
      '/reviews/0',
      'reviews/v1',
    ],
    [
      'another path: AND fails',
      { 'end-user': 'jason', cookie: 'beta=on', 'user-agent': userAgents.ipad ?? '' },
      '/health',
      'reviews/v1',
    ],
  ])('a built rule routes: %s', (_name, headers, path, expected) => {
    const built = buildMatchBlock([
      { kind: 'header', name: 'end-user', operator: 'exact', value: 'jason' },
      { kind: 'cookie', name: 'beta', value: 'on' },
      { kind: 'uri', operator: 'prefix', value: '/reviews' },
      { kind: 'client-os', os: 'ios' },
    ]);
    if (!built.ok) throw new Error(built.error);
    expect(matchBlockHolds(built.match, meshRequest({ headers, path }))).toBe(
      expected === 'reviews/v2',
    );
    const config = configWith(
      reviewsWith(toReviews('v2', { match: [built.match] }), toReviews('v1')),
    );
    expect(
      describeDecision(routeRequest(meshRequest({ headers, path }), config, Math.random)),
    ).toBe(expected);
  });
});
