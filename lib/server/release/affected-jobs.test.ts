import { describe, expect, it } from 'vitest';
import type { DestinationRule, VirtualService } from '@/lib/domain/istio/types';
import { managedLabels, releaseRecordAnnotation } from '@/lib/domain/release';
import { jobsConcernedBy, jobsConcernedByRule } from './affected-jobs';

const jobs = [
  { name: 'reviews-canary', service: 'reviews' },
  { name: 'ratings-canary', service: 'ratings' },
  { name: 'details-canary', service: 'details' },
];

const vs = (
  spec: VirtualService['spec'],
  metadata: Partial<VirtualService['metadata']> = {},
): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'vs', namespace: 'shop', ...metadata },
  spec,
});

const names = (result: { name: string }[] | undefined) => result?.map((j) => j.name);

describe('jobsConcernedBy (which jobs a VirtualService event queues)', () => {
  it.each([
    ['a short host', vs({ hosts: ['reviews'] }), ['reviews-canary']],
    ['an FQDN host', vs({ hosts: ['reviews.shop.svc.cluster.local'] }), ['reviews-canary']],
    ['the FQDN of another namespace', vs({ hosts: ['reviews.other.svc.cluster.local'] }), []],
    [
      'a route destination',
      vs({
        hosts: ['shop.example.com'],
        http: [{ route: [{ destination: { host: 'ratings' } }] }],
      }),
      ['ratings-canary'],
    ],
    [
      'a tcp route destination (FQDN)',
      vs({
        hosts: ['x'],
        tcp: [{ route: [{ destination: { host: 'details.shop.svc.cluster.local' } }] }],
      }),
      ['details-canary'],
    ],
    ['nothing of theirs', vs({ hosts: ['productpage'] }), []],
    [
      'the job that created it',
      vs({ hosts: ['productpage'] }, { labels: managedLabels('ratings-canary') }),
      ['ratings-canary'],
    ],
    [
      'a record of a job (a hand edit took its service out)',
      vs(
        { hosts: ['productpage'] },
        { annotations: { [releaseRecordAnnotation]: JSON.stringify({ 'details-canary': {} }) } },
      ),
      ['details-canary'],
    ],
  ])('%s', (_what, object, expected) => {
    expect(names(jobsConcernedBy(object, jobs))).toEqual(expected);
  });

  it('is undefined (queue the whole namespace) when the object cannot be read', () => {
    expect(jobsConcernedBy(undefined, jobs)).toBeUndefined();
    expect(
      jobsConcernedBy(
        { metadata: { name: 'vs', namespace: 'shop' } } as Partial<VirtualService>,
        jobs,
      ),
    ).toBeUndefined();
  });
});

const dr = (
  host: string,
  metadata: Partial<DestinationRule['metadata']> = {},
): DestinationRule => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'dr', namespace: 'shop', ...metadata },
  spec: { host },
});

describe('jobsConcernedByRule (which jobs a DestinationRule event queues)', () => {
  it.each([
    ['a short host', dr('reviews'), ['reviews-canary']],
    ['an FQDN host', dr('ratings.shop.svc.cluster.local'), ['ratings-canary']],
    ['the FQDN of another namespace', dr('ratings.other.svc.cluster.local'), []],
    ['another service', dr('productpage'), []],
    [
      'one Aviary created',
      dr('productpage', { labels: managedLabels('details-canary') }),
      ['details-canary'],
    ],
    [
      'a record of recorded subsets',
      dr('productpage', {
        annotations: { [releaseRecordAnnotation]: JSON.stringify({ 'reviews-canary': {} }) },
      }),
      ['reviews-canary'],
    ],
  ])('%s', (_what, object, expected) => {
    expect(names(jobsConcernedByRule(object, jobs))).toEqual(expected);
  });

  it('is undefined (queue the whole namespace) when the object cannot be read', () => {
    expect(jobsConcernedByRule(undefined, jobs)).toBeUndefined();
    expect(
      jobsConcernedByRule(
        { metadata: { name: 'dr', namespace: 'shop' } } as Partial<DestinationRule>,
        jobs,
      ),
    ).toBeUndefined();
  });
});
