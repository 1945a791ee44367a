import { describe, expect, it } from 'vitest';
import {
  compileRe2,
  compiledPatternCount,
  evaluateStringMatch,
  isPresenceMatch,
  stringMatchOperators,
} from './string-match';
import type { StringMatch } from './types';

describe('evaluateStringMatch', () => {
  it.each<[string, StringMatch, string | undefined, boolean, boolean?]>([
    ['exact equal', { exact: 'jason' }, 'jason', true],
    ['exact differs by case', { exact: 'jason' }, 'Jason', false],
    ['exact with ignoreCase', { exact: 'jason' }, 'JASON', true, true],
    ['exact against an absent value', { exact: '' }, undefined, false],
    ['exact empty against empty', { exact: '' }, '', true],
    ['prefix', { prefix: '/foo' }, '/foobar', true],
    ['prefix longer than the value', { prefix: '/foo' }, '/fo', false],
    ['prefix with ignoreCase', { prefix: '/API' }, '/api/x', true, true],
    ['regex matches the whole value', { regex: 'v[0-9]' }, 'v1', true],
    ['regex does not search inside', { regex: 'v[0-9]' }, 'xv1', false],
    ['regex alternation is anchored as a whole', { regex: 'a|b' }, 'ab', false],
    ['regex ignores ignoreCase', { regex: 'abc' }, 'ABC', false, true],
    ['(?i) flag', { regex: '(?i)abc' }, 'ABC', true],
    ['invalid regex matches nothing', { regex: '(' }, '(', false],
    ['look-ahead is not RE2', { regex: '(?=a)a' }, 'a', false],
    ['{} is present', {}, '', true],
    ['{} against an absent value', {}, undefined, false],
    ['regex * is present', { regex: '*' }, 'anything', true],
    ['regex .* accepts the empty value', { regex: '.*' }, '', true],
    ['several operators: exact wins', { exact: 'a', prefix: 'b' }, 'a', true],
  ])('%s', (_name, match, value, expected, ignoreCase) => {
    expect(evaluateStringMatch(match, value, { ignoreCase })).toBe(expected);
  });
});

describe('operators', () => {
  it.each<[StringMatch, string[], boolean]>([
    [{}, [], true],
    [{ exact: 'a' }, ['exact'], false],
    [{ regex: '*' }, ['regex'], true],
    [{ regex: '.*' }, ['regex'], false],
    [{ prefix: 'a', regex: 'b' }, ['prefix', 'regex'], false],
  ])('%j', (match, operators, presence) => {
    expect(stringMatchOperators(match)).toEqual(operators);
    expect(isPresenceMatch(match)).toBe(presence);
  });
});

describe('compileRe2', () => {
  it.each([
    ['(?!admin)', 'unsupported Perl syntax'],
    ['(?<=a)b', 'invalid named capture'],
    ['(a)\\1', 'invalid escape'],
    ['[z-a]', 'invalid character class range'],
  ])('rejects %s', (pattern, error) => {
    const compilation = compileRe2(pattern);
    expect(compilation.ok).toBe(false);
    expect(compilation.ok ? '' : compilation.error).toContain(error);
  });

  it('returns the same compiled pattern from its cache', () => {
    const first = compileRe2('cached-[0-9]+');
    expect(compileRe2('cached-[0-9]+')).toBe(first);
  });

  it('keeps the cache bounded and evicts the least recently used pattern', () => {
    const kept = compileRe2('kept');
    const evicted = compileRe2('evicted-first');
    for (let i = 0; i < 600; i += 1) {
      compileRe2(`pattern-${i}`);
      // Using a pattern keeps it young.
      if (i % 100 === 0) compileRe2('kept');
    }
    expect(compiledPatternCount()).toBe(512);
    expect(compileRe2('kept')).toBe(kept);
    expect(compileRe2('evicted-first')).not.toBe(evicted);
  });
});
