import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { formatLabelSelector, matchesLabels } from './label-selector';
import {
  labelSelectorFromObject,
  selectorFromSet,
  validateLabelSelectorObject,
} from './label-selector-object';
import { parseLabelSelector } from './label-selector-parser';

const web = { app: 'web', version: 'v1', tier: '3' };

describe('parseLabelSelector and matchesLabels', () => {
  it.each([
    ['', web, true, ''],
    ['app=web', web, true, 'app=web'],
    ['app==web', web, true, 'app==web'],
    ['app!=web', web, false, 'app!=web'],
    ['app!=api', web, true, 'app!=api'],
    ['missing!=x', web, true, 'missing!=x'],
    ['app in (web,x),!foo', web, true, 'app in (web,x),!foo'],
    ['app in (x, y)', web, false, 'app in (x,y)'],
    ['app notin (x,y)', web, true, 'app notin (x,y)'],
    ['missing notin (x)', web, true, 'missing notin (x)'],
    ['app notin (web)', web, false, 'app notin (web)'],
    ['app', web, true, 'app'],
    ['!app', web, false, '!app'],
    ['app,version=v1', web, true, 'app,version=v1'],
    ['  app = web ,  version in (v2 , v1)  ', web, true, 'app=web,version in (v1,v2)'],
    ['tier>2', web, true, 'tier>2'],
    ['tier<2', web, false, 'tier<2'],
    ['app>2', web, false, 'app>2'],
    ['app=', { app: '' }, true, 'app='],
    ['app in (in,notin)', { app: 'in' }, true, 'app in (in,notin)'],
    [
      'app.kubernetes.io/name=reviews',
      { 'app.kubernetes.io/name': 'reviews' },
      true,
      'app.kubernetes.io/name=reviews',
    ],
    ['version in (,v1)', {}, false, 'version in (,v1)'],
  ])('%j on %j is %s', (text, labels, expected, formatted) => {
    const selector = parseLabelSelector(text);
    expect(matchesLabels(selector, labels)).toBe(expected);
    expect(formatLabelSelector(selector)).toBe(formatted);
  });

  it.each([
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a=!b', "unable to parse requirement: found '!', expected: identifier"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
    ['a ~ b', "unable to parse requirement: found '~', expected: in, notin, =, ==, !=, gt, lt"],
    [
      'a>x',
      "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer",
    ],
    [
      '-x=y',
      "unable to parse requirement: <nil>: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
    [
      'a=-b',
      "unable to parse requirement: values[0][a]: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ])('refuses %j with 400 %j', (text, message) => {
    const error = (() => {
      try {
        parseLabelSelector(text);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });
});

describe('LabelSelector objects', () => {
  it.each([
    ['a nil selector matches nothing', undefined, { app: 'web' }, false],
    ['an empty selector matches everything', {}, { app: 'web' }, true],
    ['matchLabels', { matchLabels: { app: 'web' } }, { app: 'web', version: 'v1' }, true],
    [
      'matchLabels mismatch',
      { matchLabels: { app: 'web', version: 'v2' } },
      { app: 'web', version: 'v1' },
      false,
    ],
    [
      'In',
      { matchExpressions: [{ key: 'version', operator: 'In', values: ['v1', 'v2'] }] },
      { version: 'v2' },
      true,
    ],
    [
      'NotIn without the key',
      { matchExpressions: [{ key: 'version', operator: 'NotIn', values: ['v1'] }] },
      {},
      true,
    ],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, { app: '' }, true],
    [
      'DoesNotExist',
      { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] },
      { canary: 'yes' },
      false,
    ],
  ])('%s', (_label, selector, labels, expected) => {
    expect(matchesLabels(labelSelectorFromObject(selector), labels)).toBe(expected);
  });

  it('a Service selector set matches exactly', () => {
    expect(
      matchesLabels(selectorFromSet({ app: 'reviews' }), { app: 'reviews', version: 'v2' }),
    ).toBe(true);
    expect(matchesLabels(selectorFromSet({ app: 'reviews' }), { app: 'ratings' })).toBe(false);
  });

  it('refuses an unknown operator', () => {
    expect(() =>
      labelSelectorFromObject({
        matchExpressions: [{ key: 'a', operator: 'Like', values: ['x'] }],
      }),
    ).toThrow('"Like" is not a valid label selector operator');
  });

  it.each([
    [
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      [
        {
          reason: 'FieldValueRequired',
          field: 'spec.selector.matchExpressions[0].values',
          message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
        },
      ],
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      [
        {
          reason: 'FieldValueForbidden',
          field: 'spec.selector.matchExpressions[0].values',
          message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        },
      ],
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Has' }] },
      [
        {
          reason: 'FieldValueInvalid',
          field: 'spec.selector.matchExpressions[0].operator',
          message: 'Invalid value: "Has": not a valid selector operator',
        },
      ],
    ],
    [{ matchLabels: { app: 'web' } }, []],
  ])('validates %j', (selector, causes) => {
    expect(validateLabelSelectorObject(selector, 'spec.selector')).toEqual(causes);
  });
});
