import { describe, expect, it } from 'vitest';
import type { ProjectOverview } from './application-schema';
import { applyOverviewChanges } from './overview-reducer';
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
