import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './sign-in-throttle';

function throttleAt(start = 0) {
  let now = start;
  const throttle = new SignInThrottle(
    { freeFailures: 3, windowMs: 60_000, maxDelayMs: 8_000 },
    () => now,
  );
  return { throttle, advance: (ms: number) => (now += ms) };
}

describe('SignInThrottle', () => {
  it('lets the first failures through, then doubles the wait up to the cap', () => {
    const { throttle } = throttleAt();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      throttle.recordFailure(['user:alice']);
      waits.push(throttle.retryAfterSeconds(['user:alice']));
    }
    expect(waits).toEqual([0, 0, 1, 2, 4, 8, 8, 8]);
  });

  it('blocks when any of the keys is blocked (the account or the address)', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 3; i++) throttle.recordFailure([`user:u${i}`, 'ip:10.0.0.1']);
    expect(throttle.retryAfterSeconds(['user:new', 'ip:10.0.0.1'])).toBe(1);
    expect(throttle.retryAfterSeconds(['user:new', 'ip:10.0.0.2'])).toBe(0);
  });

  it('forgets failures once the window and the wait are over', () => {
    const { throttle, advance } = throttleAt();
    for (let i = 0; i < 4; i++) throttle.recordFailure(['user:alice']);
    advance(61_000);
    throttle.recordFailure(['user:alice']);
    expect(throttle.retryAfterSeconds(['user:alice'])).toBe(0);
  });

  it('clears an account after a successful sign-in', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 5; i++) throttle.recordFailure(['user:alice']);
    throttle.recordSuccess('user:alice');
    expect(throttle.retryAfterSeconds(['user:alice'])).toBe(0);
  });

  it('keeps a bounded number of keys', () => {
    let now = 0;
    const throttle = new SignInThrottle({ freeFailures: 1, maxKeys: 2 }, () => now);
    for (const key of ['a', 'b', 'c']) throttle.recordFailure([key]);
    now += 1;
    expect(throttle.retryAfterSeconds(['a'])).toBe(0);
    expect(throttle.retryAfterSeconds(['c'])).toBe(1);
  });
});
