import { afterEach, describe, expect, it, vi } from 'vitest';
import { noActions } from './actions';
import { Controller } from './controller';
import type { ActionTarget } from './perform-actions';

afterEach(() => {
  vi.useRealTimers();
});

describe('Controller resync', () => {
  it('queues every key at start, skips a resync while keys still wait, and resyncs once drained', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const synced: string[] = [];
    const keys = vi.fn(() => ['a', 'b', 'c']);
    const controller = new Controller({
      name: 'test',
      keys,
      reconcile: async (key) => {
        synced.push(key);
        if (synced.length === 1) await gate;
        return noActions;
      },
      target: {} as ActionTarget,
      resyncMs: 10,
      onError: (error) => {
        throw error;
      },
    });
    controller.start();
    expect(keys).toHaveBeenCalledTimes(1);

    // 'a' is stuck, 'b' and 'c' wait: three resync ticks add nothing.
    vi.advanceTimersByTime(35);
    expect(keys).toHaveBeenCalledTimes(1);

    release();
    await controller.queue.idle();
    expect(synced).toEqual(['a', 'b', 'c']);
    vi.advanceTimersByTime(10);
    expect(keys).toHaveBeenCalledTimes(2);
    await controller.queue.idle();
    expect(synced).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    await controller.stop();
  });
});
