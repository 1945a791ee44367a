import { describe, expect, it } from 'vitest';
import { workloadProblem, type PodLike } from './workload-problem';

const pod = (name: string, status: PodLike['status'], deleting = false): PodLike => ({
  metadata: { name, ...(deleting ? { deletionTimestamp: '2026-11-26T00:00:00Z' } : {}) },
  status,
});

const waiting = (reason: string, message?: string, extra: object = {}) => ({
  containerStatuses: [{ name: 'ratings', state: { waiting: { reason, message } }, ...extra }],
});

describe('workloadProblem', () => {
  it('is undefined while pods are only starting or running', () => {
    expect(workloadProblem([])).toBeUndefined();
    expect(workloadProblem([pod('a', waiting('ContainerCreating'))])).toBeUndefined();
    expect(
      workloadProblem([
        pod('a', { containerStatuses: [{ name: 'ratings', state: { running: {} } as never }] }),
      ]),
    ).toBeUndefined();
  });

  it('names the pod, the container, the reason and the message of a bad image', () => {
    expect(
      workloadProblem([
        pod('ratings-v2-abc', waiting('ImagePullBackOff', 'Back-off pulling image "x:9"')),
      ]),
    ).toBe('pod ratings-v2-abc: container ratings: ImagePullBackOff: Back-off pulling image "x:9"');
  });

  it('says how often a crashing container restarted and how it last exited', () => {
    expect(
      workloadProblem([
        pod(
          'p',
          waiting('CrashLoopBackOff', undefined, {
            restartCount: 3,
            lastState: { terminated: { exitCode: 137, reason: 'Error' } },
          }),
        ),
      ]),
    ).toBe('pod p: container ratings: CrashLoopBackOff (restarted 3 times, last exit code 137)');
  });

  it('reports a container that exited with an error, and init containers first', () => {
    expect(
      workloadProblem([
        pod('p', {
          initContainerStatuses: [
            { name: 'init', state: { terminated: { exitCode: 1, reason: 'Error' } } },
          ],
          ...waiting('ImagePullBackOff'),
        }),
      ]),
    ).toBe('pod p: container init: exited with code 1 (Error)');
    expect(
      workloadProblem([
        pod('p', {
          containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 0 } } }],
        }),
      ]),
    ).toBeUndefined();
  });

  it('reports an unschedulable pod with the scheduler message', () => {
    expect(
      workloadProblem([
        pod('p', {
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/3 nodes are available: 3 Insufficient cpu.',
            },
          ],
        }),
      ]),
    ).toBe('pod p: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.');
  });

  it('skips terminating pods and takes the first pod with a problem', () => {
    expect(
      workloadProblem([
        pod('old', waiting('ErrImagePull', 'gone'), true),
        pod('fine', waiting('ContainerCreating')),
        pod('bad', waiting('CreateContainerConfigError', 'secret "db" not found')),
      ]),
    ).toBe('pod bad: container ratings: CreateContainerConfigError: secret "db" not found');
  });
});
