import { describe, expect, it } from 'vitest';

import { stableAvailability } from './stable-availability';

const deployment = (ready: number, replicas = 2) => ({
  metadata: { name: 'reviews-v1' },
  spec: { replicas },
  status: { readyReplicas: ready },
});

describe('stableAvailability', () => {
  it('is True while one pod is ready, with the counts', () => {
    expect(stableAvailability(deployment(1), 'v1', ['v1', 'v2'])).toEqual({
      type: 'StableAvailable',
      status: 'True',
      reason: 'PodsReady',
      message: 'reviews-v1: 1/2 ready',
    });
  });

  it('says requests fail when traffic goes to a stable version with no ready pod', () => {
    expect(stableAvailability(deployment(0), 'v1', ['v1', 'v2'])).toEqual({
      type: 'StableAvailable',
      status: 'False',
      reason: 'NoReadyPods',
      message: 'reviews-v1: 0/2 ready; requests routed to v1 fail until one of its pods is ready',
    });
  });

  it('warns of the rollback when the stable version gets no traffic now', () => {
    expect(stableAvailability({ ...deployment(0), status: {} }, 'v1', ['v2']).message).toBe(
      'reviews-v1: 0/2 ready; no traffic goes to v1 now, but a rollback would fail until one of its pods is ready',
    );
  });

  it('reports a stable Deployment that is gone', () => {
    expect(stableAvailability(undefined, 'v1', ['v1'])).toMatchObject({
      status: 'False',
      reason: 'NotFound',
      message: 'no Deployment of version v1; requests routed to v1 fail until it exists',
    });
  });
});
