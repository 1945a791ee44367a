import { describe, expect, it } from 'vitest';
import type { ProjectOverview } from './application-schema';
import { applyOverviewChanges, mergeOverviewSnapshot } from './overview-reducer';
import type { ProjectChange, TrimmedObject } from './project-objects';

const deployment = (rv: string, ready: number): TrimmedObject => ({
  metadata: { name: 'reviews-v1', resourceVersion: rv },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'reviews', version: 'v1' } },
    template: { metadata: { labels: { app: 'reviews', version: 'v1' } }, spec: { containers: [] } },
  },
  status: { readyReplicas: ready },
});

const overview: ProjectOverview = {
  name: 'demo-project',
  description: '',
  phase: 'Active',
  namespaceInjection: true,
  applications: [],
  objects: {
    Application: [],
    Service: [
      {
        metadata: { name: 'reviews', resourceVersion: '5', labels: { app: 'reviews' } },
        spec: { selector: { app: 'reviews' }, ports: [] },
      },
    ],
    Deployment: [deployment('10', 1)],
    Pod: [],
  },
  cursor: '',
};

const change = (type: ProjectChange['type'], object: TrimmedObject): ProjectChange => ({
  kind: 'Deployment',
  type,
  object,
});
const ready = (o: ProjectOverview) => o.applications[0]?.services[0]?.versions[0]?.readyReplicas;

describe('applyOverviewChanges', () => {
  it('applies a newer change and rebuilds the applications', () => {
    const next = applyOverviewChanges(overview, [change('MODIFIED', deployment('11', 2))]);
    expect(ready(next)).toBe(2);
  });

  it('ignores a change no newer than what it holds (a resumed stream repeating itself)', () => {
    const updated = applyOverviewChanges(overview, [change('MODIFIED', deployment('12', 2))]);
    const replayed = applyOverviewChanges(updated, [change('MODIFIED', deployment('11', 0))]);
    expect(replayed).toBe(updated);
  });

  it('applies a batch in order and removes deleted objects', () => {
    const next = applyOverviewChanges(overview, [
      change('MODIFIED', deployment('11', 2)),
      change('DELETED', deployment('13', 2)),
    ]);
    expect(next.objects.Deployment).toEqual([]);
    expect(next.applications[0]?.services[0]?.versions).toEqual([]);
  });

  it('adds objects it did not hold', () => {
    const added = {
      ...deployment('20', 1),
      metadata: { name: 'reviews-v2', resourceVersion: '20' },
    };
    const next = applyOverviewChanges(overview, [change('ADDED', added)]);
    expect(next.objects.Deployment.map((d) => d.metadata.name)).toEqual([
      'reviews-v1',
      'reviews-v2',
    ]);
  });
});

describe('applyOverviewChanges and the cursor', () => {
  it('moves the kind of each applied change on to its resourceVersion', () => {
    const start = { ...overview, cursor: 'Deployment=10;Pod=3' };
    const next = applyOverviewChanges(start, [change('MODIFIED', deployment('14', 2))]);
    expect(next.cursor).toBe('Deployment=14;Pod=3');
  });
});

describe('mergeOverviewSnapshot', () => {
  const named = (name: string, rv: string, ready = 1): TrimmedObject => ({
    ...deployment(rv, ready),
    metadata: { name, resourceVersion: rv },
  });
  const view = (cursor: string, ...deployments: TrimmedObject[]): ProjectOverview => ({
    ...overview,
    cursor,
    objects: { ...overview.objects, Deployment: deployments },
  });
  const names = (o: ProjectOverview) =>
    o.objects.Deployment.map((d) => `${d.metadata.name}@${d.metadata.resourceVersion}`);

  it.each([
    [
      'a snapshot older than the stream keeps the newer object',
      view('Deployment=20', named('a', '20', 2)),
      view('Deployment=15', named('a', '12', 1)),
      ['a@20'],
    ],
    [
      'an object the stream saw deleted does not come back from an older snapshot',
      view('Deployment=20'),
      view('Deployment=15', named('gone', '12')),
      [],
    ],
    [
      'an object created after the snapshot was listed stays',
      view('Deployment=20', named('new', '18')),
      view('Deployment=15'),
      ['new@18'],
    ],
    [
      'a newer snapshot drops what was deleted meanwhile and adds what was created',
      view('Deployment=10', named('old', '8')),
      view('Deployment=30', named('later', '25')),
      ['later@25'],
    ],
  ])('%s', (_case, held, fresh, expected) => {
    const merged = mergeOverviewSnapshot(held, fresh);
    expect(names(merged)).toEqual(expected);
    expect(merged.cursor).toBe(
      `Deployment=${Math.max(Number(held.cursor.split('=')[1]), Number(fresh.cursor.split('=')[1]))}`,
    );
  });

  it('takes the snapshot as it is when nothing is held', () => {
    const fresh = view('Deployment=15', named('a', '12'));
    expect(mergeOverviewSnapshot(undefined, fresh)).toBe(fresh);
  });
});
