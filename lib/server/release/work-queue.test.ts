import { describe, expect, it } from 'vitest';
import { WorkQueue } from './work-queue';

describe('WorkQueue.stop', () => {
  it('resolves only once the reconcile already running has finished, and runs nothing after', async () => {
    const seen: string[] = [];
    let finish = () => {};
    const queue = new WorkQueue(async (key) => {
      seen.push(`start ${key}`);
      await new Promise<void>((resolve) => (finish = resolve));
      seen.push(`end ${key}`);
      // A requeue asked for by the last run must not happen after stop.
      return { requeueAfterMs: 0 };
    });
    queue.add('a');
    const stopped = queue.stop().then(() => seen.push('stopped'));
    queue.add('b');
    await Promise.resolve();
    expect(seen).toEqual(['start a']);
    finish();
    await stopped;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['start a', 'end a', 'stopped']);
  });

  it('resolves at once when nothing runs', async () => {
    await expect(new WorkQueue(async () => ({})).stop()).resolves.toBeUndefined();
  });
});

describe('WorkQueue.pause (the Lease was lost)', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('drops timed requeues and backoff retries, waits for the running reconcile, and ignores adds', async () => {
    const seen: string[] = [];
    let finish = () => {};
    const queue = new WorkQueue(
      async (key) => {
        seen.push(key);
        if (key === 'failing') throw new Error('conflict');
        if (key === 'slow') await new Promise<void>((resolve) => (finish = resolve));
        // Each run asks to be run again soon, as a job waiting for its pods does.
        return { requeueAfterMs: 30 };
      },
      { baseBackoffMs: 30 },
    );
    queue.add('waiting');
    queue.add('failing');
    await sleep(5);
    queue.add('slow');
    await sleep(5);
    expect(seen).toEqual(['waiting', 'failing', 'slow']);

    let paused = false;
    const pausing = queue.pause().then(() => (paused = true));
    queue.add('new');
    await sleep(5);
    expect(paused).toBe(false);
    finish();
    await pausing;
    // Well past the requeue and backoff delays: nothing ran, not even the requeue `slow` asked for.
    await sleep(100);
    expect(seen).toEqual(['waiting', 'failing', 'slow']);
    await expect(queue.idle()).resolves.toBeUndefined();
  });

  it('runs keys again after resume (a new term lists every job again)', async () => {
    const seen: string[] = [];
    const queue = new WorkQueue(async (key) => {
      seen.push(key);
      return {};
    });
    await queue.pause();
    queue.add('a');
    queue.resume();
    queue.add('b');
    await queue.idle();
    expect(seen).toEqual(['b']);
    await queue.stop();
  });
});
