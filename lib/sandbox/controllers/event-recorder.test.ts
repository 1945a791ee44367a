import { describe, expect, it } from 'vitest';
import type { ClusterClient } from '../apiserver/cluster-client';
import { notFound } from '../apiserver/errors';
import type { KubeObject } from '../apiserver/types';
import type { EventIntent } from './actions';
import { EventRecorder, buildEvent } from './event-recorder';
import { deployment } from './test-fixtures';

/** Records writes to events; `gone` names events that were deleted behind the recorder's back. */
function eventStore(gone = new Set<string>()) {
  const writes: string[] = [];
  const client = {
    create: (_ref: unknown, object: KubeObject) => {
      writes.push(`create ${object.metadata.name} count=${object.count}`);
      return object;
    },
    patch: (_ref: unknown, _ns: string, name: string, patch: { count: number }) => {
      if (gone.has(name)) throw notFound('', 'events', name);
      writes.push(`patch ${name} count=${patch.count}`);
      return { apiVersion: 'v1', kind: 'Event', metadata: { name } };
    },
  } as unknown as ClusterClient;
  return { client, writes };
}

const scaled: EventIntent = {
  involvedObject: deployment(),
  type: 'Normal',
  reason: 'ScalingReplicaSet',
  message: 'Scaled up replica set web-5d8f7c9b8 to 3',
  component: 'deployment-controller',
};

describe('EventRecorder', () => {
  it('counts repeats on one Event and starts a new one for a new message', () => {
    const { client, writes } = eventStore();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const recorder = new EventRecorder(client, { now: () => now++ });
    recorder.record(scaled);
    recorder.record(scaled);
    recorder.record({ ...scaled, message: 'Scaled down replica set web-5d8f7c9b8 to 1' });
    expect(writes.map((w) => w.replace(/web\.[0-9a-f]+/, 'web.<t>'))).toEqual([
      'create web.<t> count=1',
      'patch web.<t> count=2',
      'create web.<t> count=1',
    ]);
  });

  it('writes a new Event when the counted one has gone', () => {
    const gone = new Set<string>();
    const { client, writes } = eventStore(gone);
    const recorder = new EventRecorder(client, { now: () => 0 });
    recorder.record(scaled);
    gone.add(writes[0]?.split(' ')[1] ?? '');
    recorder.record(scaled);
    expect(writes.map((w) => w.split(' ')[0])).toEqual(['create', 'create']);
  });

  it('builds a core/v1 Event that kubectl describe lists', () => {
    const event = buildEvent(scaled, 'web.1', '2026-01-01T00:00:00Z', 'aviary-sandbox');
    expect(event).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'demo' },
      involvedObject: {
        kind: 'Deployment',
        namespace: 'demo',
        name: 'web',
        uid: 'uid-web',
        apiVersion: 'apps/v1',
        resourceVersion: '10',
      },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-5d8f7c9b8 to 3',
      type: 'Normal',
      source: { component: 'deployment-controller' },
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:00:00Z',
      count: 1,
      reportingComponent: 'deployment-controller',
    });
  });
});
