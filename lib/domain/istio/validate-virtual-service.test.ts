import { describe, expect, it } from 'vitest';
import { loadBookinfoSample, type BookinfoSample } from './bookinfo-networking.fixture';
import {
  bookinfoConfig,
  bookinfoServices,
  reviewsWith,
  toReviews,
  virtualService,
} from './routing.fixture';
import type { HTTPMatchRequest, HTTPRoute, VirtualService } from './types';
import { validateVirtualService, type ValidationContext } from './validate-virtual-service';

const bookinfo = loadBookinfoSample('bookinfo-gateway');
const context: ValidationContext = {
  destinationRules: bookinfoConfig().destinationRules,
  services: bookinfoServices,
  gateways: bookinfo.gateways,
};

/** Issues as `severity code path`, the shape the tables compare. */
function issuesOf(subject: VirtualService, within: ValidationContext = context): string[] {
  return validateVirtualService(subject, within).map(
    (issue) => `${issue.severity} ${issue.code} ${issue.path}`,
  );
}

const jason: HTTPMatchRequest = { headers: { 'end-user': { exact: 'jason' } } };

describe('validateVirtualService: Bookinfo samples are clean', () => {
  it.each<BookinfoSample>([
    'virtual-service-all-v1',
    'virtual-service-details-v2',
    'virtual-service-ratings-db',
    'virtual-service-ratings-mysql',
    'virtual-service-ratings-mysql-vm',
    'virtual-service-ratings-test-abort',
    'virtual-service-ratings-test-delay',
    'virtual-service-reviews-50-v3',
    'virtual-service-reviews-80-20',
    'virtual-service-reviews-90-10',
    'virtual-service-reviews-jason-v2-v3',
    'virtual-service-reviews-test-v2',
    'virtual-service-reviews-v2-v3',
    'virtual-service-reviews-v3',
  ])('%s', (sample) => {
    for (const subject of loadBookinfoSample(sample).virtualServices)
      expect(issuesOf(subject)).toEqual([]);
  });

  it('bookinfo-gateway only gets the naming hint', () => {
    const [subject] = bookinfo.virtualServices;
    if (!subject) throw new Error('bookinfo-gateway has a VirtualService');
    expect(issuesOf(subject)).toEqual(['warning KIA1108 spec.gateways[0]']);
  });
});

describe('validateVirtualService: findings', () => {
  it.each<[string, HTTPRoute[], string[]]>([
    [
      'subset no DestinationRule defines',
      [toReviews('v4')],
      ['error KIA1107 spec.http[0].route[0].destination.subset'],
    ],
    [
      'mirror to an undefined subset',
      [toReviews('v1', { mirror: { host: 'reviews', subset: 'v9' } })],
      ['error KIA1107 spec.http[0].mirror.subset'],
    ],
    [
      'host not in the registry',
      [{ route: [{ destination: { host: 'reveiws' } }] }],
      ['error KIA1101 spec.http[0].route[0].destination.host'],
    ],
    [
      'look-ahead is not RE2',
      [
        toReviews('v2', { match: [{ headers: { 'end-user': { regex: '(?!bob).*' } } }] }),
        toReviews('v1'),
      ],
      ['error AVY1001 spec.http[0].match[0].headers["end-user"].regex'],
    ],
    [
      'unbalanced regex in a uri',
      [toReviews('v2', { match: [{ uri: { regex: '/api/(v1' } }] }), toReviews('v1')],
      ['error AVY1001 spec.http[0].match[0].uri.regex'],
    ],
    [
      'regex * is a presence check, not a bad regex',
      [toReviews('v2', { match: [{ headers: { x: { regex: '*' } } }] }), toReviews('v1')],
      [],
    ],
    [
      'mixed operators',
      [toReviews('v2', { match: [{ uri: { exact: '/a', prefix: '/a' } }] }), toReviews('v1')],
      ['error AVY1002 spec.http[0].match[0].uri'],
    ],
    [
      'ignoreUriCase with a regex uri',
      [
        toReviews('v2', { match: [{ uri: { regex: '/a.*' }, ignoreUriCase: true }] }),
        toReviews('v1'),
      ],
      ['warning AVY1005 spec.http[0].match[0].ignoreUriCase'],
    ],
    [
      'weights summing to 80',
      [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
            { destination: { host: 'reviews', subset: 'v2' }, weight: 30 },
          ],
        },
      ],
      ['warning AVY1003 spec.http[0].route'],
    ],
    [
      'all weights zero',
      [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 0 },
            { destination: { host: 'reviews', subset: 'v2' } },
          ],
        },
      ],
      ['error AVY1004 spec.http[0].route'],
    ],
    [
      'single destination with weight 50',
      [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 50 }] }],
      ['warning KIA1104 spec.http[0].route[0].weight'],
    ],
    [
      'same host and subset twice',
      [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
            {
              destination: { host: 'reviews.default.svc.cluster.local', subset: 'v1' },
              weight: 50,
            },
          ],
        },
      ],
      ['warning KIA1105 spec.http[0].route[1].destination'],
    ],
    ['rule with nothing to do', [{ name: 'empty' }], ['error AVY1006 spec.http[0]']],
    [
      'route and redirect together',
      [{ ...toReviews('v1'), redirect: { uri: '/x' } }],
      ['error AVY1006 spec.http[0]'],
    ],
    // Reachability.
    [
      'rule after a catch-all',
      [toReviews('v1'), toReviews('v2', { match: [jason] })],
      ['warning IST0130 spec.http[1]'],
    ],
    [
      'rule after a prefix / catch-all',
      [toReviews('v1', { match: [{ uri: { prefix: '/' } }] }), toReviews('v2', { match: [jason] })],
      ['warning IST0130 spec.http[1]'],
    ],
    [
      'the same match twice',
      [toReviews('v2', { match: [jason] }), toReviews('v3', { match: [jason] }), toReviews('v1')],
      ['warning IST0130 spec.http[1]'],
    ],
    [
      'exact under an earlier prefix',
      [
        toReviews('v2', { match: [{ uri: { prefix: '/a' } }] }),
        toReviews('v3', { match: [{ uri: { exact: '/a/b' } }] }),
        toReviews('v1'),
      ],
      ['warning IST0130 spec.http[1]'],
    ],
    [
      'longer prefix under a shorter one',
      [
        toReviews('v2', { match: [{ uri: { prefix: '/a' } }] }),
        toReviews('v3', { match: [{ uri: { prefix: '/ab' } }] }),
        toReviews('v1'),
      ],
      ['warning IST0130 spec.http[1]'],
    ],
    [
      'exact matching an earlier regex',
      [
        toReviews('v2', { match: [{ uri: { regex: '/a/.*' } }] }),
        toReviews('v3', { match: [{ uri: { exact: '/a/b' } }] }),
        toReviews('v1'),
      ],
      ['warning IST0130 spec.http[1]'],
    ],
    [
      'more conditions than an earlier block',
      [
        toReviews('v2', { match: [jason] }),
        toReviews('v3', { match: [{ ...jason, uri: { prefix: '/r' } }] }),
        toReviews('v1'),
      ],
      ['warning IST0130 spec.http[1]'],
    ],
    [
      'a fixed value an earlier withoutHeaders excludes',
      [
        toReviews('v2', { match: [{ withoutHeaders: { x: { exact: 'on' } } }] }),
        toReviews('v3', { match: [{ headers: { x: { exact: 'off' } } }] }),
        toReviews('v1'),
      ],
      ['warning IST0130 spec.http[1]'],
    ],
    [
      'one block of two is shadowed',
      [
        toReviews('v2', { match: [jason] }),
        toReviews('v3', { match: [{ uri: { prefix: '/x' } }, jason] }),
        toReviews('v1'),
      ],
      ['warning IST0131 spec.http[1].match[1]'],
    ],
    [
      'a block repeating an earlier block of its rule',
      [toReviews('v2', { match: [jason, jason] }), toReviews('v1')],
      ['warning IST0131 spec.http[0].match[1]'],
    ],
    [
      'fewer conditions than an earlier block: reachable',
      [
        toReviews('v2', { match: [{ ...jason, uri: { prefix: '/r' } }] }),
        toReviews('v3', { match: [jason] }),
        toReviews('v1'),
      ],
      [],
    ],
    [
      'case-insensitive after case-sensitive: reachable',
      [
        toReviews('v2', { match: [{ uri: { prefix: '/a' } }] }),
        toReviews('v3', { match: [{ uri: { prefix: '/a' }, ignoreUriCase: true }] }),
        toReviews('v1'),
      ],
      [],
    ],
    [
      'case-sensitive after case-insensitive: shadowed',
      [
        toReviews('v2', { match: [{ uri: { prefix: '/A' }, ignoreUriCase: true }] }),
        toReviews('v3', { match: [{ uri: { exact: '/a/b' } }] }),
        toReviews('v1'),
      ],
      ['warning IST0130 spec.http[1]'],
    ],
    [
      'earlier block limited to some callers: reachable',
      [toReviews('v2', { match: [{ sourceLabels: { app: 'productpage' } }] }), toReviews('v1')],
      [],
    ],
    [
      'earlier block limited to the mesh: reachable',
      [toReviews('v2', { match: [{ gateways: ['mesh'] }] }), toReviews('v1')],
      [],
    ],
    [
      'earlier block on another port: reachable',
      [toReviews('v2', { match: [{ port: 9080 }] }), toReviews('v1', { match: [{ port: 9081 }] })],
      [],
    ],
    [
      'two regexes are not compared: no false alarm',
      [
        toReviews('v2', { match: [{ uri: { regex: '/a.*' } }] }),
        toReviews('v3', { match: [{ uri: { regex: '/a/b.*' } }] }),
        toReviews('v1'),
      ],
      [],
    ],
  ])('%s', (_name, http, expected) => {
    expect(issuesOf(reviewsWith(...http))).toEqual(expected);
  });

  it.each<[string, VirtualService, string[]]>([
    [
      'gateway that does not exist',
      virtualService('web', {
        hosts: ['*'],
        gateways: ['default/web-gateway'],
        http: [toReviews('v1')],
      }),
      ['error KIA1102 spec.gateways[0]'],
    ],
    [
      'gateway in another namespace',
      virtualService('web', {
        hosts: ['*'],
        gateways: ['istio-system/bookinfo-gateway'],
        http: [toReviews('v1')],
      }),
      ['error KIA1102 spec.gateways[0]'],
    ],
    [
      'gateway as namespace/name',
      virtualService('web', {
        hosts: ['*'],
        gateways: ['default/bookinfo-gateway', 'mesh'],
        http: [toReviews('v1')],
      }),
      [],
    ],
    [
      'subset undefined in a tcp route',
      virtualService('db', {
        hosts: ['ratings'],
        tcp: [{ route: [{ destination: { host: 'ratings', subset: 'v7' } }] }],
      }),
      ['error KIA1107 spec.tcp[0].route[0].destination.subset'],
    ],
  ])('%s', (_name, subject, expected) => {
    expect(issuesOf(subject)).toEqual(expected);
  });

  it.each<[string, VirtualService, string[]]>([
    [
      'another VirtualService for reviews',
      reviewsWith(toReviews('v1')),
      ['warning KIA1106 spec.hosts[0]'],
    ],
    [
      'another VirtualService for reviews bound to a gateway only',
      virtualService('reviews', {
        hosts: ['reviews'],
        gateways: ['default/bookinfo-gateway'],
        http: [toReviews('v1')],
      }),
      [],
    ],
    [
      'the same VirtualService',
      virtualService('reviews-canary', {
        hosts: ['reviews.default.svc.cluster.local'],
        http: [toReviews('v1')],
      }),
      [],
    ],
  ])('more than one VirtualService per host: %s', (_name, other, expected) => {
    const subject = virtualService('reviews-canary', {
      hosts: ['reviews.default.svc.cluster.local'],
      http: [toReviews('v2')],
    });
    expect(issuesOf(subject, { ...context, virtualServices: [subject, other] })).toEqual(expected);
  });

  it('names the problem in its message', () => {
    const [issue] = validateVirtualService(reviewsWith(toReviews('v4')), context);
    expect(issue?.message).toContain('subset "v4" of reviews.default.svc.cluster.local');
    expect(issue?.message).toContain('503 NC');
  });
});
