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

describe('WorkQueue order', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('does not starve a due re-run behind thousands of keys that never ran: the two take turns', async () => {
    const seen: string[] = [];
    const queue = new WorkQueue(
      async (key) => {
        seen.push(key);
        await sleep(1);
        // The first job asks to run again soon, as a job waiting for its new pods does.
        return key === 'job-0' && seen.filter((k) => k === 'job-0').length === 1
          ? { requeueAfterMs: 5 }
          : {};
      },
      { concurrency: 1 },
    );
    for (let i = 0; i < 2_000; i += 1) queue.add(`job-${i}`);
    while (seen.filter((k) => k === 'job-0').length < 2) await sleep(5);
    // Re-run within a handful of runs of its due time, not after the 1,999 others.
    expect(seen.lastIndexOf('job-0')).toBeLessThan(100);
    await queue.stop();
  });

  it('runs keys that never ran in the order they came, each once however often it was added', async () => {
    const seen: string[] = [];
    const queue = new WorkQueue(
      async (key) => {
        seen.push(key);
        return {};
      },
      { concurrency: 1 },
    );
    // `x` runs first and holds the only slot while the others are queued.
    for (const key of ['x', 'a', 'b', 'a', 'c', 'b']) queue.add(key);
    await queue.idle();
    expect(seen).toEqual(['x', 'a', 'b', 'c']);
  });

  it('runs a key queued for later at its time, and sooner when added again without delay', async () => {
    const seen: string[] = [];
    const queue = new WorkQueue(async (key) => {
      seen.push(key);
      return {};
    });
    queue.add('later', 40);
    queue.add('soon', 10);
    await sleep(25);
    expect(seen).toEqual(['soon']);
    queue.add('later');
    await sleep(5);
    expect(seen).toEqual(['soon', 'later']);
    await sleep(50);
    expect(seen).toEqual(['soon', 'later']);
    expect(queue.has('later')).toBe(false);
    await queue.stop();
  });

  it('retries a failing key with growing backoff', async () => {
    const times: number[] = [];
    const queue = new WorkQueue(
      async () => {
        times.push(Date.now());
        if (times.length < 3) throw new Error('conflict');
        return {};
      },
      { baseBackoffMs: 20 },
    );
    queue.add('a');
    while (times.length < 3) await sleep(5);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(15);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(35);
    await queue.stop();
  });
});

describe('WorkQueue.idle', () => {
  it('resolves once what is due has run, though a key is queued for later (a job that polls)', async () => {
    const runs: string[] = [];
    const queue = new WorkQueue(async (key) => {
      runs.push(key);
      // Every run asks to come back in a minute, as a job waiting on something does.
      return { requeueAfterMs: 60_000 };
    });
    queue.add('polling');
    queue.add('other');
    const settled = await Promise.race([
      queue.idle().then(() => 'idle'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2_000)),
    ]);
    expect(settled).toBe('idle');
    expect(runs.sort()).toEqual(['other', 'polling']);
    await queue.stop();
  });
});
