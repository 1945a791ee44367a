import { describe, expect, it, vi } from 'vitest';
import { listeningPortCondition, ReadyMarkingRuntime, type RuntimePodStatus } from './pod-runtime';
import { buildPodStatus, podStatusEvents, reconcilePodStatus } from './pod-status';
import { at, t0 } from './test-fixtures';
import type { Pod, PodStatus } from './workload-types';

function newPod(status: PodStatus = { phase: 'Pending' }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-abc-xyz12', namespace: 'demo', uid: 'uid-pod', resourceVersion: '7' },
    spec: { nodeName: 'aviary-sandbox', containers: [{ name: 'web', image: 'nginx:1.27' }] },
    status,
  };
}

const running: RuntimePodStatus = {
  containers: [
    { name: 'web', state: { running: { startedAt: t0 } }, ready: true, restartCount: 0 },
  ],
};
const started = (restartCount: number, ready = true): RuntimePodStatus => ({
  containers: [
    { name: 'web', state: { running: { startedAt: at(restartCount) } }, ready, restartCount },
  ],
});
const waiting = (reason: string, message?: string): RuntimePodStatus => ({
  containers: [
    { name: 'web', state: { waiting: { reason, message } }, ready: false, restartCount: 0 },
  ],
});

const input = (pod: Pod, runtime: RuntimePodStatus | undefined, now = t0) => ({
  pod,
  runtime,
  podIP: '10.244.0.2',
  hostIP: '172.18.0.2',
  nodeName: 'aviary-sandbox',
  now,
});

function summary(status: PodStatus) {
  return {
    phase: status.phase,
    conditions: Object.fromEntries((status.conditions ?? []).map((c) => [c.type, c.status])),
    containers: (status.containerStatuses ?? []).map(
      (c) =>
        `${c.name} ready=${c.ready} started=${c.started} restarts=${c.restartCount} ${Object.keys(c.state)[0]}`,
    ),
  };
}

describe('buildPodStatus', () => {
  it.each([
    {
      name: 'a runtime reporting the container running and ready makes the pod Running and Ready',
      runtime: running,
      expected: {
        phase: 'Running',
        conditions: {
          Initialized: 'True',
          Ready: 'True',
          ContainersReady: 'True',
          PodScheduled: 'True',
        },
        containers: ['web ready=true started=true restarts=0 running'],
      },
    },
    {
      name: 'before the runtime reports the pod is scheduled but Pending in ContainerCreating',
      runtime: undefined,
      expected: {
        phase: 'Pending',
        conditions: {
          Initialized: 'True',
          Ready: 'False',
          ContainersReady: 'False',
          PodScheduled: 'True',
        },
        containers: ['web ready=false started=false restarts=0 waiting'],
      },
    },
    {
      name: 'an image that cannot be pulled leaves the pod Pending and not ready',
      runtime: waiting('ErrImagePull', 'not found'),
      expected: {
        phase: 'Pending',
        conditions: {
          Initialized: 'True',
          Ready: 'False',
          ContainersReady: 'False',
          PodScheduled: 'True',
        },
        containers: ['web ready=false started=false restarts=0 waiting'],
      },
    },
    {
      name: 'a running container that is not ready yet keeps the pod Running but not Ready',
      runtime: started(0, false),
      expected: {
        phase: 'Running',
        conditions: {
          Initialized: 'True',
          Ready: 'False',
          ContainersReady: 'False',
          PodScheduled: 'True',
        },
        containers: ['web ready=false started=true restarts=0 running'],
      },
    },
  ])('$name', ({ runtime, expected }) => {
    expect(summary(buildPodStatus(input(newPod(), runtime)))).toEqual(expected);
  });

  it('writes IPs, start time, image and container ids as a kubelet does', () => {
    const status = buildPodStatus(input(newPod(), running));
    expect(status).toMatchObject({
      podIP: '10.244.0.2',
      podIPs: [{ ip: '10.244.0.2' }],
      hostIP: '172.18.0.2',
      startTime: t0,
      containerStatuses: [{ image: 'nginx:1.27', state: { running: { startedAt: t0 } } }],
    });
    const container = status.containerStatuses?.[0];
    expect(container?.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(container?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });

  it('explains an unready pod in its Ready condition', () => {
    const ready = buildPodStatus(input(newPod(), waiting('ErrImagePull'))).conditions?.find(
      (c) => c.type === 'Ready',
    );
    expect(ready).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [web]',
    });
  });

  it('keeps lastTransitionTime and startTime while nothing changes, moves them on a change', () => {
    const first = buildPodStatus(input(newPod(), started(0, false), at(0)));
    const same = buildPodStatus(input(newPod(first), started(0, false), at(30)));
    const readyNow = buildPodStatus(input(newPod(first), started(0, true), at(60)));
    const time = (s: PodStatus, type: string) =>
      s.conditions?.find((c) => c.type === type)?.lastTransitionTime;
    expect([time(same, 'Ready'), time(same, 'PodScheduled'), same.startTime]).toEqual([
      at(0),
      at(0),
      at(0),
    ]);
    expect([time(readyNow, 'Ready'), time(readyNow, 'PodScheduled'), readyNow.startTime]).toEqual([
      at(60),
      at(0),
      at(0),
    ]);
  });
});

describe('podStatusEvents', () => {
  const pod = newPod();
  const step = (before: RuntimePodStatus | undefined, after: RuntimePodStatus) => {
    const prev = before ? buildPodStatus(input(pod, before)) : undefined;
    const next = buildPodStatus(input(prev ? newPod(prev) : pod, after));
    return podStatusEvents(pod, prev, next, 'aviary-sandbox').map(
      (e) => `${e.type} ${e.reason}: ${e.message}`,
    );
  };

  it.each([
    {
      name: 'a pod that starts is scheduled, pulled, created and started',
      before: undefined,
      after: running,
      events: [
        'Normal Scheduled: Successfully assigned demo/web-abc-xyz12 to aviary-sandbox',
        'Normal Pulled: Container image "nginx:1.27" already present on machine',
        'Normal Created: Created container web',
        'Normal Started: Started container web',
      ],
    },
    {
      name: 'an unknown image fails to pull',
      before: undefined,
      after: waiting('ErrImagePull', 'rpc error: not found'),
      events: [
        'Normal Scheduled: Successfully assigned demo/web-abc-xyz12 to aviary-sandbox',
        'Normal Pulling: Pulling image "nginx:1.27"',
        'Warning Failed: Failed to pull image "nginx:1.27": rpc error: not found',
        'Warning Failed: Error: ErrImagePull',
      ],
    },
    {
      name: 'then backs off',
      before: waiting('ErrImagePull', 'x'),
      after: waiting('ImagePullBackOff', 'y'),
      events: [
        'Normal BackOff: Back-off pulling image "nginx:1.27"',
        'Warning Failed: Error: ImagePullBackOff',
      ],
    },
    {
      name: 'a restart creates and starts the container again',
      before: started(0),
      after: started(1),
      events: [
        'Normal Pulled: Container image "nginx:1.27" already present on machine',
        'Normal Created: Created container web',
        'Normal Started: Started container web',
      ],
    },
    {
      name: 'turning ready records nothing',
      before: started(0, false),
      after: started(0, true),
      events: [],
    },
  ])('$name', ({ before, after, events }) => {
    expect(step(before, after)).toEqual(events);
  });

  it('marks kubelet events with the node and the container', () => {
    const [, pulled] = podStatusEvents(
      pod,
      undefined,
      buildPodStatus(input(pod, running)),
      'aviary-sandbox',
    );
    expect(pulled).toMatchObject({
      component: 'kubelet',
      host: 'aviary-sandbox',
      fieldPath: 'spec.containers{web}',
    });
  });
});

describe('a container listening where nothing reaches it', () => {
  const issue = {
    reason: 'ListeningOnContainerPort',
    message: 'container web listens on its containerPort 9080, where nothing reaches it; ...',
  };
  const misplaced: RuntimePodStatus = {
    containers: [{ ...running.containers[0]!, ready: false, portIssue: issue }],
  };

  it('shows in a pod condition, keeps the pod unready, and is one Warning event', () => {
    const before = buildPodStatus(input(newPod(), running));
    const after = buildPodStatus(input(newPod(before), misplaced, at(1)));
    expect(after.conditions?.find((c) => c.type === listeningPortCondition)).toEqual({
      type: listeningPortCondition,
      status: 'False',
      reason: 'ListeningOnContainerPort',
      message: issue.message,
      lastProbeTime: null,
      lastTransitionTime: at(1),
    });
    expect(summary(after).conditions.Ready).toBe('False');
    const events = podStatusEvents(newPod(before), before, after, 'aviary-sandbox');
    expect(events).toEqual([
      expect.objectContaining({
        type: 'Warning',
        reason: 'ListeningOnContainerPort',
        message: issue.message,
        component: 'kubelet',
      }),
    ]);
    const again = buildPodStatus(input(newPod(after), misplaced, at(2)));
    expect(podStatusEvents(newPod(after), after, again, 'aviary-sandbox')).toEqual([]);
  });

  it('goes away once the container listens on its port', () => {
    const misplacedStatus = buildPodStatus(input(newPod(), misplaced));
    const fixed = buildPodStatus(input(newPod(misplacedStatus), running, at(1)));
    expect(fixed.conditions?.some((c) => c.type === listeningPortCondition)).toBe(false);
    expect(summary(fixed).conditions.Ready).toBe('True');
  });
});

describe('reconcilePodStatus', () => {
  it('writes through the status subresource, then nothing once written', () => {
    const first = reconcilePodStatus(input(newPod(), running));
    const write = first.actions[0];
    expect(write).toMatchObject({ verb: 'update', subresource: 'status' });
    const written = write?.verb === 'update' ? (write.object as Pod) : newPod();
    expect(reconcilePodStatus(input(written, running, at(10))).actions).toEqual([]);
  });
});

describe('ReadyMarkingRuntime', () => {
  const context = (onStatusChange = vi.fn()) => ({
    podKey: 'demo/web-abc-xyz12',
    podIP: '10.244.0.2',
    hostIP: '172.18.0.2',
    nodeName: 'aviary-sandbox',
    onStatusChange,
  });

  it('reports every container running and ready at once', () => {
    const status = new ReadyMarkingRuntime({ now: () => t0 }).start(newPod(), context());
    expect(status.containers).toMatchObject([
      { name: 'web', ready: true, restartCount: 0, state: { running: { startedAt: t0 } } },
    ]);
  });

  it('reports an unknown image as ErrImagePull, then ImagePullBackOff, and stops reporting after stop', () => {
    vi.useFakeTimers();
    try {
      const runtime = new ReadyMarkingRuntime({ isImageKnown: () => false, backOffAfterMs: 50 });
      const onStatusChange = vi.fn();
      const first = runtime.start(newPod(), context(onStatusChange));
      expect(first.containers[0]?.state).toMatchObject({ waiting: { reason: 'ErrImagePull' } });
      vi.advanceTimersByTime(60);
      expect(onStatusChange).toHaveBeenCalledWith('demo/web-abc-xyz12', {
        containers: [
          expect.objectContaining({
            state: { waiting: expect.objectContaining({ reason: 'ImagePullBackOff' }) },
          }),
        ],
      });

      const later = vi.fn();
      runtime.start(newPod(), context(later));
      runtime.stop(newPod());
      vi.advanceTimersByTime(60);
      expect(later).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
