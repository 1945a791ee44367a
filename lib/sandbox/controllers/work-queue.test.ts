import { describe, expect, it } from 'vitest';
import { WorkQueue, type WorkResult } from './work-queue';

describe('WorkQueue', () => {
  it('processes a key added many times once, and again if added while it runs', async () => {
    const seen: string[] = [];
    let queue: WorkQueue | undefined = undefined;
    queue = new WorkQueue((key) => {
      seen.push(key);
      if (seen.length === 1) queue?.add('a');
      return 'done';
    });
    queue.add('a');
    queue.add('a');
    queue.add('b');
    await queue.idle();
    expect(seen).toEqual(['a', 'b', 'a']);
  });

  it('retries a failing key with growing delays, then forgets its failures on success', async () => {
    const results: WorkResult[] = ['retry', 'retry', 'done'];
    const times: number[] = [];
    const queue = new WorkQueue(
      () => {
        times.push(Date.now());
        return results.shift() ?? 'done';
      },
      { baseDelayMs: 10 },
    );
    queue.add('a');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(times).toHaveLength(3);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(15);
    expect(queue.retries('a')).toBe(0);
    await queue.stop();
  });

  it('counts a thrown error as a failure and reports it', async () => {
    const errors: string[] = [];
    const queue = new WorkQueue(
      () => {
        throw new Error('boom');
      },
      {
        baseDelayMs: 10_000,
        onError: (error, key) => errors.push(`${key}: ${(error as Error).message}`),
      },
    );
    queue.add('a');
    await queue.idle();
    expect(errors).toEqual(['a: boom']);
    expect(queue.retries('a')).toBe(1);
    await queue.stop();
  });

  it('stop cancels delayed keys and waits for the running handler', async () => {
    let finished = false;
    let calls = 0;
    const queue = new WorkQueue(async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = true;
      return { afterMs: 5 };
    });
    queue.add('a');
    await new Promise((resolve) => setImmediate(resolve));
    await queue.stop();
    expect(finished).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toBe(1);
  });
});
