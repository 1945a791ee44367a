import { describe, expect, it } from 'vitest';
import type { Action } from './actions';
import { reconcileDeployment } from './deployment-reconcile';
import {
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  resolveFenceposts,
  revisionAnnotation,
  revisionHistoryAnnotation,
} from './deployment-util';
import { podTemplateHashLabel } from './pod-template-hash';
import { at, deployment, h1, h2, replicaSet, t0, template, v1, v2 } from './test-fixtures';
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from './workload-types';

/** One line per action, e.g. "create web-abc replicas=3", "scale web-abc replicas=2". */
function summarize(actions: Action[]): string[] {
  return actions.map((action) => {
    if (action.verb === 'record') return `record ${action.events.map((e) => e.reason).join(',')}`;
    if (action.verb === 'delete') return `delete ${action.name}`;
    const { object } = action;
    const name = object.metadata.name;
    if (action.verb === 'update' && action.subresource === 'status') return `status ${name}`;
    if (object.kind === 'Deployment')
      return `annotate ${name} revision=${object.metadata.annotations?.[revisionAnnotation]}`;
    const replicas = (object as ReplicaSet).spec.replicas;
    return action.verb === 'create'
      ? `create ${name} replicas=${replicas}`
      : `scale ${name} replicas=${replicas}`;
  });
}

function eventsOf(actions: Action[]): string[] {
  return actions.flatMap((action) =>
    (action.events ?? []).map((e) => `${e.type} ${e.reason}: ${e.message}`),
  );
}

function statusOf(actions: Action[]): DeploymentStatus | undefined {
  const write = actions.find((a) => a.verb === 'update' && a.subresource === 'status');
  return write?.verb === 'update' ? (write.object as Deployment).status : undefined;
}

function conditionsOf(status: DeploymentStatus | undefined): Record<string, string> {
  return Object.fromEntries(
    (status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]),
  );
}

const progressing = (reason: string, message: string, time = t0, transition = time): Condition => ({
  type: 'Progressing',
  status: 'True',
  reason,
  message,
  lastUpdateTime: time,
  lastTransitionTime: transition,
});
const available: Condition = {
  type: 'Available',
  status: 'True',
  reason: 'MinimumReplicasAvailable',
  message: 'Deployment has minimum availability.',
  lastUpdateTime: t0,
  lastTransitionTime: t0,
};

/** A Deployment whose status already says that the `rs` rollout is complete. */
function settled(
  spec: Parameters<typeof deployment>[0],
  replicas: number,
  rsName: string,
  revision: number,
): Deployment {
  return deployment(spec, {
    metadata: { name: 'web', annotations: { [revisionAnnotation]: String(revision) } },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [
        available,
        progressing(
          'NewReplicaSetAvailable',
          `ReplicaSet "${rsName}" has successfully progressed.`,
        ),
      ],
    },
  });
}

interface Case {
  name: string;
  d: Deployment;
  rss?: ReplicaSet[];
  now?: string;
  actions: string[];
  events?: string[];
  status?: Partial<DeploymentStatus>;
  conditions?: Record<string, string>;
  requeue?: boolean;
}

const cases: Case[] = [
  {
    name: 'a new Deployment creates its ReplicaSet at full size and records revision 1',
    d: deployment(),
    actions: [`create web-${h2} replicas=3`, 'annotate web revision=1', 'status web'],
    events: [`Normal ScalingReplicaSet: Scaled up replica set web-${h2} to 3`],
    status: { observedGeneration: 1, unavailableReplicas: 3 },
    conditions: {
      Progressing: `True NewReplicaSetCreated: Created new replica set "web-${h2}"`,
      Available: 'False MinimumReplicasUnavailable: Deployment does not have minimum availability.',
    },
    requeue: true,
  },
  {
    name: 'a new Recreate Deployment creates its ReplicaSet at full size',
    d: deployment({ strategy: { type: 'Recreate' }, replicas: 2 }),
    actions: [`create web-${h2} replicas=2`, 'annotate web revision=1', 'status web'],
    events: [`Normal ScalingReplicaSet: Scaled up replica set web-${h2} to 2`],
  },
  {
    name: 'a Deployment of 0 replicas creates an empty ReplicaSet without a scaling event',
    d: deployment({ replicas: 0 }),
    actions: [`create web-${h2} replicas=0`, 'annotate web revision=1', 'status web'],
    events: [],
    conditions: {
      Available: 'True MinimumReplicasAvailable: Deployment has minimum availability.',
    },
  },
  {
    name: 'scale up of a settled Deployment grows its ReplicaSet at once',
    d: settled({ replicas: 5 }, 3, `web-${h2}`, 1),
    rss: [replicaSet({ replicas: 3, revision: 1 })],
    actions: [`scale web-${h2} replicas=5`, 'status web'],
    events: [`Normal ScalingReplicaSet: Scaled up replica set web-${h2} to 5`],
    status: { unavailableReplicas: 2 },
  },
  {
    name: 'scale down of a settled Deployment shrinks its ReplicaSet',
    d: settled({ replicas: 1 }, 3, `web-${h2}`, 1),
    rss: [replicaSet({ replicas: 3, revision: 1 })],
    // The status follows when the ReplicaSet reports fewer pods.
    actions: [`scale web-${h2} replicas=1`],
    events: [`Normal ScalingReplicaSet: Scaled down replica set web-${h2} to 1`],
  },
  {
    name: 'a template change creates the new ReplicaSet within maxSurge and scales the old within maxUnavailable',
    d: settled({ replicas: 4 }, 4, `web-${h1}`, 1),
    rss: [replicaSet({ template: v1, replicas: 4, revision: 1 })],
    actions: [
      `create web-${h2} replicas=1`,
      `scale web-${h1} replicas=3`,
      'annotate web revision=2',
      'status web',
    ],
    events: [
      `Normal ScalingReplicaSet: Scaled up replica set web-${h2} to 1`,
      `Normal ScalingReplicaSet: Scaled down replica set web-${h1} to 3`,
    ],
    conditions: { Progressing: `True NewReplicaSetCreated: Created new replica set "web-${h2}"` },
  },
  {
    name: 'mid-rollout the new ReplicaSet grows as old pods go',
    d: deployment({ replicas: 4 }),
    rss: [
      replicaSet({ template: v1, replicas: 3, revision: 1 }),
      replicaSet({ replicas: 1, revision: 2 }),
    ],
    actions: [`scale web-${h2} replicas=2`, 'annotate web revision=2', 'status web'],
  },
  {
    name: 'mid-rollout nothing moves while the new pods are not available',
    d: deployment(
      { replicas: 4 },
      { metadata: { name: 'web', annotations: { [revisionAnnotation]: '2' } } },
    ),
    rss: [
      replicaSet({ template: v1, replicas: 3, revision: 1 }),
      replicaSet({ replicas: 2, available: 0, revision: 2 }),
    ],
    actions: ['status web'],
    status: { replicas: 5, updatedReplicas: 2, availableReplicas: 3, unavailableReplicas: 1 },
    conditions: { Progressing: `True ReplicaSetUpdated: ReplicaSet "web-${h2}" is progressing.` },
  },
  {
    name: 'old pods that are not available are removed first (cleanupUnhealthyReplicas)',
    d: deployment(
      { replicas: 4 },
      { metadata: { name: 'web', annotations: { [revisionAnnotation]: '2' } } },
    ),
    rss: [
      replicaSet({ template: v1, replicas: 3, available: 1, revision: 1 }),
      replicaSet({ replicas: 2, available: 2, revision: 2 }),
    ],
    actions: [`scale web-${h1} replicas=1`, 'status web'],
    events: [`Normal ScalingReplicaSet: Scaled down replica set web-${h1} to 1`],
  },
  {
    name: 'maxSurge 0 starts by scaling the old ReplicaSet down',
    d: settled(
      {
        replicas: 4,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      },
      4,
      `web-${h1}`,
      1,
    ),
    rss: [replicaSet({ template: v1, replicas: 4, revision: 1 })],
    actions: [
      `create web-${h2} replicas=0`,
      `scale web-${h1} replicas=3`,
      'annotate web revision=2',
      'status web',
    ],
  },
  {
    name: 'maxUnavailable 0 waits for surge pods before scaling down',
    d: settled(
      {
        replicas: 2,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      },
      2,
      `web-${h1}`,
      1,
    ),
    rss: [replicaSet({ template: v1, replicas: 2, revision: 1 })],
    actions: [`create web-${h2} replicas=1`, 'annotate web revision=2', 'status web'],
  },
  {
    name: 'the last step scales the old ReplicaSet to 0 once the new pods are available',
    d: deployment(
      { replicas: 2 },
      { metadata: { name: 'web', annotations: { [revisionAnnotation]: '2' } } },
    ),
    rss: [
      replicaSet({ template: v1, replicas: 1, revision: 1 }),
      replicaSet({ replicas: 2, revision: 2 }),
    ],
    actions: [`scale web-${h1} replicas=0`, 'status web'],
    events: [`Normal ScalingReplicaSet: Scaled down replica set web-${h1} to 0`],
  },
  {
    name: 'a finished rollout reports NewReplicaSetAvailable with the Kubernetes message',
    d: deployment(
      { replicas: 3 },
      {
        metadata: { name: 'web', generation: 2, annotations: { [revisionAnnotation]: '2' } },
        status: {
          observedGeneration: 1,
          conditions: [progressing('ReplicaSetUpdated', 'x', at(0))],
        },
      },
    ),
    rss: [
      replicaSet({ template: v1, replicas: 0, current: 0, revision: 1 }),
      replicaSet({ replicas: 3, revision: 2 }),
    ],
    now: at(30),
    actions: ['status web'],
    status: {
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    },
    conditions: {
      Progressing: `True NewReplicaSetAvailable: ReplicaSet "web-${h2}" has successfully progressed.`,
      Available: 'True MinimumReplicasAvailable: Deployment has minimum availability.',
    },
  },
  {
    name: 'a settled Deployment with the right status does nothing',
    d: settled({}, 3, `web-${h2}`, 1),
    rss: [replicaSet({ replicas: 3, revision: 1 })],
    actions: [],
  },
  {
    name: 'Available stays True with replicas - maxUnavailable available',
    d: settled({ replicas: 4 }, 4, `web-${h2}`, 1),
    rss: [replicaSet({ replicas: 4, available: 3, revision: 1 })],
    actions: ['status web'],
    status: { availableReplicas: 3, unavailableReplicas: 1 },
    conditions: {
      Available: 'True MinimumReplicasAvailable: Deployment has minimum availability.',
    },
  },
  {
    name: 'Recreate scales every old ReplicaSet to 0 before anything else',
    d: settled({ strategy: { type: 'Recreate' } }, 3, `web-${h1}`, 1),
    rss: [replicaSet({ template: v1, replicas: 3, revision: 1 })],
    actions: [`scale web-${h1} replicas=0`, 'status web'],
    events: [`Normal ScalingReplicaSet: Scaled down replica set web-${h1} to 0`],
  },
  {
    name: 'Recreate waits while old pods still run',
    d: settled({ strategy: { type: 'Recreate' } }, 3, `web-${h1}`, 1),
    rss: [replicaSet({ template: v1, replicas: 0, current: 2, available: 2, revision: 1 })],
    actions: ['status web'],
    status: { replicas: 2 },
  },
  {
    name: 'Recreate creates the new ReplicaSet at full size once the old pods are gone',
    d: settled({ strategy: { type: 'Recreate' } }, 3, `web-${h1}`, 1),
    rss: [replicaSet({ template: v1, replicas: 0, current: 0, revision: 1 })],
    actions: [`create web-${h2} replicas=3`, 'annotate web revision=2', 'status web'],
  },
  {
    name: 'a paused Deployment does not roll out a new template',
    d: settled({ paused: true }, 3, `web-${h1}`, 1),
    rss: [replicaSet({ template: v1, replicas: 3, revision: 1 })],
    actions: ['status web'],
    conditions: { Progressing: 'Unknown DeploymentPaused: Deployment is paused' },
  },
  {
    name: 'a paused Deployment is still scaled',
    d: settled({ paused: true, replicas: 5 }, 3, `web-${h1}`, 1),
    rss: [replicaSet({ template: v1, replicas: 3, revision: 1 })],
    actions: [`scale web-${h1} replicas=5`, 'status web'],
  },
  {
    name: 'a paused Deployment mid-rollout scales its ReplicaSets in proportion',
    d: deployment(
      { paused: true, replicas: 8 },
      { metadata: { name: 'web', annotations: { [revisionAnnotation]: '2' } } },
    ),
    rss: [
      replicaSet({ template: v1, replicas: 3, revision: 1 }),
      replicaSet({ replicas: 2, available: 0, revision: 2 }),
    ],
    // 8 + 2 surge allowed, 5 running: +5 split 3 to the larger, 2 to the smaller.
    actions: [`scale web-${h1} replicas=6`, `scale web-${h2} replicas=4`, 'status web'],
  },
  {
    name: 'resuming a paused Deployment marks it resumed and rolls out',
    d: deployment(
      {},
      {
        metadata: { name: 'web', annotations: { [revisionAnnotation]: '1' } },
        status: {
          observedGeneration: 1,
          replicas: 3,
          updatedReplicas: 3,
          readyReplicas: 3,
          availableReplicas: 3,
          conditions: [
            { ...progressing('DeploymentPaused', 'Deployment is paused'), status: 'Unknown' },
          ],
        },
      },
    ),
    rss: [replicaSet({ template: v1, replicas: 3, revision: 1 })],
    // 25 % of 3 rounds down to 0 unavailable: the old pods stay until the surge pod is available.
    actions: [`create web-${h2} replicas=1`, 'annotate web revision=2', 'status web'],
    conditions: { Progressing: `True NewReplicaSetCreated: Created new replica set "web-${h2}"` },
  },
  {
    name: 'rolling back to an old template reuses its ReplicaSet under the next revision',
    d: deployment(
      { template: v1 },
      { metadata: { name: 'web', annotations: { [revisionAnnotation]: '2' } } },
    ),
    rss: [
      replicaSet({ template: v1, replicas: 0, current: 0, revision: 1 }),
      replicaSet({ replicas: 3, revision: 2 }),
    ],
    actions: [`scale web-${h1} replicas=1`, 'annotate web revision=3', 'status web'],
  },
  {
    name: 'old ReplicaSets beyond revisionHistoryLimit are deleted, oldest revision first',
    d: settled({ revisionHistoryLimit: 2 }, 3, `web-${h2}`, 5),
    rss: [
      replicaSet({ template: template('a:1'), replicas: 0, current: 0, revision: 1 }),
      replicaSet({ template: template('a:2'), replicas: 0, current: 0, revision: 2 }),
      replicaSet({ template: template('a:3'), replicas: 0, current: 0, revision: 3 }),
      replicaSet({ template: template('a:4'), replicas: 0, current: 0, revision: 4 }),
      replicaSet({ replicas: 3, revision: 5 }),
    ],
    actions: [
      `delete web-${replicaSet({ template: template('a:1'), replicas: 0, revision: 1 }).metadata.name?.slice(4)}`,
      `delete web-${replicaSet({ template: template('a:2'), replicas: 0, revision: 2 }).metadata.name?.slice(4)}`,
    ],
  },
  {
    name: 'history cleanup keeps an old ReplicaSet that still has pods',
    d: settled({ revisionHistoryLimit: 0 }, 3, `web-${h2}`, 2),
    rss: [
      replicaSet({ template: v1, replicas: 0, current: 1, available: 0, revision: 1 }),
      replicaSet({ replicas: 3, revision: 2 }),
    ],
    actions: ['status web'],
    status: { replicas: 4 },
  },
  {
    name: 'a rollout without progress past progressDeadlineSeconds is marked ProgressDeadlineExceeded',
    d: deployment(
      { progressDeadlineSeconds: 60 },
      {
        metadata: { name: 'web', annotations: { [revisionAnnotation]: '1' } },
        status: {
          observedGeneration: 1,
          replicas: 3,
          updatedReplicas: 3,
          conditions: [
            progressing('ReplicaSetUpdated', `ReplicaSet "web-${h2}" is progressing.`, at(0)),
          ],
        },
      },
    ),
    rss: [replicaSet({ replicas: 3, available: 0, revision: 1 })],
    now: at(120),
    actions: ['status web'],
    conditions: {
      Progressing: `False ProgressDeadlineExceeded: ReplicaSet "web-${h2}" has timed out progressing.`,
    },
  },
  {
    name: 'a rollout within its deadline is looked at again when the deadline passes',
    d: deployment(
      { progressDeadlineSeconds: 60 },
      {
        metadata: { name: 'web', annotations: { [revisionAnnotation]: '1' } },
        status: {
          observedGeneration: 1,
          replicas: 3,
          updatedReplicas: 3,
          unavailableReplicas: 3,
          conditions: [
            {
              ...available,
              status: 'False',
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
            },
            progressing('ReplicaSetUpdated', `ReplicaSet "web-${h2}" is progressing.`, at(0)),
          ],
        },
      },
    ),
    rss: [replicaSet({ replicas: 3, available: 0, revision: 1 })],
    now: at(20),
    actions: [],
    requeue: true,
  },
  {
    name: 'a Deployment selecting every pod is refused with a warning',
    d: deployment({ selector: {} }),
    actions: ['status web'],
    events: [
      'Warning SelectingAll: This deployment is selecting all pods. A non-empty selector is required.',
    ],
  },
  {
    name: 'a ReplicaSet of another owner holding the name bumps collisionCount',
    d: deployment(),
    rss: [
      replicaSet({
        replicas: 1,
        revision: 1,
        owner: deployment({}, { metadata: { name: 'other', uid: 'uid-other' } }),
      }),
    ],
    actions: ['status web'],
    status: { collisionCount: 1 },
  },
  {
    name: 'ReplicaSets owned by another Deployment are not counted',
    d: deployment(),
    rss: [
      replicaSet({
        template: v1,
        replicas: 2,
        revision: 1,
        owner: deployment({}, { metadata: { name: 'other', uid: 'uid-other' } }),
      }),
    ],
    actions: [`create web-${h2} replicas=3`, 'annotate web revision=1', 'status web'],
  },
  {
    name: 'a Deployment being deleted only gets its status written',
    d: deployment(
      { replicas: 5 },
      {
        metadata: {
          name: 'web',
          deletionTimestamp: t0,
          annotations: { [revisionAnnotation]: '1' },
        },
      },
    ),
    rss: [replicaSet({ replicas: 3, revision: 1 })],
    actions: ['status web'],
    status: { replicas: 3, unavailableReplicas: 2 },
  },
];

describe('reconcileDeployment', () => {
  it.each(cases)('$name', (c) => {
    const result = reconcileDeployment({
      deployment: c.d,
      replicaSets: c.rss ?? [],
      now: c.now ?? t0,
    });
    expect(summarize(result.actions)).toEqual(c.actions);
    if (c.events) expect(eventsOf(result.actions)).toEqual(c.events);
    if (c.status) expect(statusOf(result.actions)).toMatchObject(c.status);
    if (c.conditions) expect(conditionsOf(statusOf(result.actions))).toMatchObject(c.conditions);
    if (c.requeue !== undefined) expect(result.requeueAfterMs !== undefined).toBe(c.requeue);
  });

  it('builds the new ReplicaSet as the deployment controller does', () => {
    const { actions } = reconcileDeployment({ deployment: deployment(), replicaSets: [], now: t0 });
    const rs = actions[0]?.verb === 'create' ? (actions[0].object as ReplicaSet) : undefined;
    expect(rs?.metadata).toMatchObject({
      name: `web-${h2}`,
      namespace: 'demo',
      labels: { app: 'web', [podTemplateHashLabel]: h2 },
      annotations: {
        [revisionAnnotation]: '1',
        [desiredReplicasAnnotation]: '3',
        [maxReplicasAnnotation]: '4',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          uid: 'uid-web',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(rs?.spec.selector).toEqual({ matchLabels: { app: 'web', [podTemplateHashLabel]: h2 } });
    expect(rs?.spec.template?.metadata?.labels).toEqual({ app: 'web', [podTemplateHashLabel]: h2 });
    expect(rs?.spec.template?.spec).toEqual(v2.spec);
  });

  it('records the replaced revision in revision-history on rollback', () => {
    const d = deployment(
      { template: v1 },
      { metadata: { name: 'web', annotations: { [revisionAnnotation]: '2' } } },
    );
    const rss = [
      replicaSet({ template: v1, replicas: 0, current: 0, revision: 1 }),
      replicaSet({ replicas: 3, revision: 2 }),
    ];
    const { actions } = reconcileDeployment({ deployment: d, replicaSets: rss, now: t0 });
    const reused = actions.find(
      (a) => a.verb === 'update' && a.object.metadata.name === `web-${h1}`,
    );
    expect(reused?.verb === 'update' && reused.object.metadata.annotations).toMatchObject({
      [revisionAnnotation]: '3',
      [revisionHistoryAnnotation]: '1',
    });
  });

  it('keeps lastTransitionTime while a rollout keeps progressing', () => {
    const d = deployment(
      { replicas: 4 },
      {
        metadata: { name: 'web', annotations: { [revisionAnnotation]: '2' } },
        status: {
          replicas: 5,
          updatedReplicas: 1,
          conditions: [progressing('ReplicaSetUpdated', 'x', at(0), at(0))],
        },
      },
    );
    const rss = [
      replicaSet({ template: v1, replicas: 3, revision: 1 }),
      replicaSet({ replicas: 2, available: 0, revision: 2 }),
    ];
    const status = statusOf(
      reconcileDeployment({ deployment: d, replicaSets: rss, now: at(40) }).actions,
    );
    expect(status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      lastUpdateTime: at(40),
      lastTransitionTime: at(0),
    });
  });
});

describe('resolveFenceposts', () => {
  it.each([
    {
      replicas: 10,
      surge: undefined,
      unavailable: undefined,
      expected: { maxSurge: 3, maxUnavailable: 2 },
    },
    {
      replicas: 1,
      surge: undefined,
      unavailable: undefined,
      expected: { maxSurge: 1, maxUnavailable: 0 },
    },
    { replicas: 4, surge: '50%', unavailable: 0, expected: { maxSurge: 2, maxUnavailable: 0 } },
    { replicas: 3, surge: 0, unavailable: 0, expected: { maxSurge: 0, maxUnavailable: 1 } },
    { replicas: 5, surge: '10%', unavailable: '10%', expected: { maxSurge: 1, maxUnavailable: 0 } },
    { replicas: 5, surge: 2, unavailable: '100%', expected: { maxSurge: 2, maxUnavailable: 5 } },
  ])(
    '$replicas replicas, surge $surge, unavailable $unavailable',
    ({ replicas, surge, unavailable, expected }) => {
      const d = deployment({
        replicas,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable },
        },
      });
      expect(resolveFenceposts(d)).toEqual(expected);
    },
  );
});

// Keep v2 referenced by name in this file's cases for readers: it is the Deployment's default template.
void v2;
