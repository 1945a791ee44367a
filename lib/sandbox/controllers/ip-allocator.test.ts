import { describe, expect, it } from 'vitest';
import { IpAllocator } from './ip-allocator';

describe('IpAllocator', () => {
  it.each([
    {
      name: 'hands out addresses in order from 10.244.0.2',
      steps: [['a'], ['b']],
      ips: ['10.244.0.2', '10.244.0.3'],
    },
    { name: 'keeps a free preferred address', steps: [['a', '10.244.7.9']], ips: ['10.244.7.9'] },
    {
      name: 'refuses a taken preferred address',
      steps: [['a'], ['b', '10.244.0.2']],
      ips: ['10.244.0.2', '10.244.0.3'],
    },
    {
      name: 'refuses an address outside the pod network',
      steps: [['a', '192.168.0.5']],
      ips: ['10.244.0.2'],
    },
    {
      name: 'gives an owner the same address again',
      steps: [['a'], ['a']],
      ips: ['10.244.0.2', '10.244.0.2'],
    },
  ])('$name', ({ steps, ips }) => {
    const allocator = new IpAllocator();
    expect(steps.map(([owner, preferred]) => allocator.allocate(owner ?? '', preferred))).toEqual(
      ips,
    );
  });

  it('does not hand a released address out again at once', () => {
    const allocator = new IpAllocator();
    allocator.allocate('a');
    allocator.release('a');
    expect(allocator.allocate('b')).toBe('10.244.0.3');
    expect(allocator.lookup('a')).toBeUndefined();
  });
});
