import { describe, expect, it } from 'vitest';
import type { Action } from './actions';
import {
  burstReplicas,
  podsToDelete,
  randomPodSuffix,
  reconcileReplicaSet,
} from './replicaset-reconcile';
import { safeAlphabet } from './pod-template-hash';
import { at, h2, pod, replicaSet, t0 } from './test-fixtures';
import type { Pod, ReplicaSet, ReplicaSetStatus } from './workload-types';

const rsName = `web-${h2}`;

function summarize(actions: Action[]): string[] {
  return actions.map((a) => {
    if (a.verb === 'create') return `create ${a.object.metadata.name}`;
    if (a.verb === 'delete') return `delete ${a.name}`;
    if (a.verb === 'update') return `${a.subresource ?? 'update'} ${a.object.metadata.name}`;
    return 'record';
  });
}

function statusOf(actions: Action[]): ReplicaSetStatus | undefined {
  const write = actions.find((a) => a.verb === 'update' && a.subresource === 'status');
  return write?.verb === 'update' ? (write.object as ReplicaSet).status : undefined;
}

/** Suffixes handed out in order, so pod names are predictable. */
function suffixes(...values: string[]): () => string {
  let i = 0;
  return () => values[i++ % values.length] ?? 'zzzzz';
}

const rs = (replicas: number, extra: Partial<ReplicaSet['spec']> = {}) => {
  const object = replicaSet({ replicas, revision: 1 });
  return { ...object, spec: { ...object.spec, ...extra } };
};

interface Case {
  name: string;
  rs: ReplicaSet;
  pods: Pod[];
  random?: () => string;
  now?: string;
  actions: string[];
  status?: ReplicaSetStatus;
  requeueAfterMs?: number;
}

const owner = rs(3);
const cases: Case[] = [
  {
    name: 'a new ReplicaSet creates its pods and reports none yet',
    rs: rs(2, {}),
    pods: [],
    random: suffixes('abcde', 'fghjk'),
    actions: [`create ${rsName}-abcde`, `create ${rsName}-fghjk`, `status ${rsName}`],
    status: { replicas: 0, observedGeneration: 1 },
  },
  {
    name: 'a taken name is drawn again',
    rs: rs(1),
    pods: [pod({ name: `${rsName}-abcde`, labels: { other: 'x' } })],
    random: suffixes('abcde', 'bbbbb'),
    actions: [`create ${rsName}-bbbbb`, `status ${rsName}`],
  },
  {
    name: 'surplus pods go not-ready first, then the newest',
    rs: rs(1),
    pods: [
      pod({ name: 'old-ready', owner, created: 0 }),
      pod({ name: 'not-ready', owner, ready: false, phase: 'Running', created: 1 }),
      pod({ name: 'new-ready', owner, created: 5, readySince: 5 }),
    ],
    actions: ['delete not-ready', 'delete new-ready', `status ${rsName}`],
  },
  {
    name: 'status counts ready, available and fully labeled pods',
    rs: rs(3),
    pods: [
      pod({ name: 'a', owner }),
      pod({ name: 'b', owner, ready: false }),
      pod({ name: 'c', owner, labels: { app: 'web' } }),
    ],
    actions: [`status ${rsName}`],
    status: {
      replicas: 3,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    },
  },
  {
    name: 'minReadySeconds holds availability back and asks to look again when it passes',
    rs: rs(2, { minReadySeconds: 10 }),
    pods: [pod({ name: 'a', owner, readySince: 0 }), pod({ name: 'b', owner, readySince: 8 })],
    now: at(12),
    actions: [`status ${rsName}`],
    status: {
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 1,
      observedGeneration: 1,
    },
    requeueAfterMs: 6000,
  },
  {
    name: 'finished, deleting and foreign pods do not count and are replaced',
    rs: rs(2),
    pods: [
      pod({ name: 'a', owner }),
      pod({ name: 'done', owner, phase: 'Succeeded' }),
      pod({ name: 'going', owner, deleting: true }),
      pod({ name: 'foreign', owner: { ...owner, metadata: { ...owner.metadata, uid: 'other' } } }),
    ],
    random: suffixes('ccccc'),
    actions: [`create ${rsName}-ccccc`, `status ${rsName}`],
    status: {
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    },
  },
  {
    name: 'a ReplicaSet at size with current status does nothing',
    rs: rs(1),
    pods: [pod({ name: 'a', owner })],
    actions: [],
  },
  {
    name: 'a ReplicaSet being deleted creates nothing',
    rs: { ...rs(2), metadata: { ...rs(2).metadata, deletionTimestamp: t0 } },
    pods: [],
    actions: [`status ${rsName}`],
  },
];

describe('reconcileReplicaSet', () => {
  it.each(cases)('$name', (c) => {
    const result = reconcileReplicaSet({
      replicaSet: c.rs,
      pods: c.pods,
      now: c.now ?? at(100),
      randomSuffix: c.random ?? suffixes('zzzzz'),
      nodeName: 'aviary-sandbox',
    });
    expect(summarize(result.actions)).toEqual(c.actions);
    if (c.status) expect(statusOf(result.actions)).toEqual(c.status);
    expect(result.requeueAfterMs).toBe(c.requeueAfterMs);
  });

  it('builds pods from the template, owned by the ReplicaSet, bound to the node, Pending', () => {
    const { actions } = reconcileReplicaSet({
      replicaSet: rs(1),
      pods: [],
      now: t0,
      randomSuffix: () => 'x2x4x',
      nodeName: 'aviary-sandbox',
    });
    const created = actions[0];
    expect(created?.verb === 'create' && created.object).toMatchObject({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${rsName}-x2x4x`,
        namespace: 'demo',
        labels: { app: 'web', 'pod-template-hash': h2 },
        ownerReferences: [
          {
            kind: 'ReplicaSet',
            name: rsName,
            uid: 'uid-rs-1',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { nodeName: 'aviary-sandbox', containers: [{ name: 'web', image: 'nginx:1.27' }] },
      status: { phase: 'Pending' },
    });
    expect(created?.events?.map((e) => `${e.reason}: ${e.message}`)).toEqual([
      `SuccessfulCreate: Created pod: ${rsName}-x2x4x`,
    ]);
  });

  it(`creates at most ${burstReplicas} pods at a time`, () => {
    let n = 0;
    const { actions } = reconcileReplicaSet({
      replicaSet: rs(700),
      pods: [],
      now: t0,
      randomSuffix: () => String(n++),
    });
    expect(actions.filter((a) => a.verb === 'create')).toHaveLength(burstReplicas);
  });
});

describe('podsToDelete', () => {
  it.each([
    {
      name: 'unscheduled before scheduled',
      pods: [
        pod({ name: 'scheduled', ready: false }),
        pod({ name: 'unscheduled', ready: false, node: null }),
      ],
      first: 'unscheduled',
    },
    {
      name: 'Pending before Running',
      pods: [
        pod({ name: 'running', ready: false, phase: 'Running' }),
        pod({ name: 'pending', ready: false, phase: 'Pending' }),
      ],
      first: 'pending',
    },
    {
      name: 'ready for less time first',
      pods: [pod({ name: 'long', readySince: 1 }), pod({ name: 'short', readySince: 50 })],
      first: 'short',
    },
    {
      name: 'more restarts first',
      pods: [
        pod({ name: 'calm', readySince: 1 }),
        pod({ name: 'flaky', readySince: 1, restarts: 4 }),
      ],
      first: 'flaky',
    },
  ])('$name', ({ pods, first }) => {
    expect(podsToDelete(pods, 1).map((p) => p.metadata.name)).toEqual([first]);
  });
});

describe('randomPodSuffix', () => {
  it('draws five characters of the safe alphabet', () => {
    const values = [0, 0.5, 0.99, 0.2, 0.7];
    let i = 0;
    const suffix = randomPodSuffix(() => values[i++] ?? 0);
    expect(suffix).toHaveLength(5);
    expect([...suffix].every((ch) => safeAlphabet.includes(ch))).toBe(true);
    expect(suffix[0]).toBe('b');
  });
});
