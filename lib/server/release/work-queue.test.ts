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
