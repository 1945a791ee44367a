import { describe, expect, it } from 'vitest';
import { LogRing, rfc3339Nano } from './log-ring';
import { PodLogStore } from './pod-log-store';

describe('LogRing', () => {
  it('keeps the newest lines, oldest first, one entry per line of text', () => {
    const ring = new LogRing(3);
    ring.append('a\nb\n');
    ring.append('c');
    ring.append('d');
    expect(ring.lines().map((l) => l.text)).toEqual(['b', 'c', 'd']);
  });

  it('writes times as RFC 3339 with nanoseconds', () => {
    expect(rfc3339Nano(new Date('2024-05-01T10:00:00.123Z'))).toBe(
      '2024-05-01T10:00:00.123000000Z',
    );
  });
});

describe('PodLogStore', () => {
  const at = new Date('2024-05-01T10:00:00.000Z');
  const store = () => new PodLogStore(100, () => at);

  it('reads a container, the first by default, with timestamps and tailLines', () => {
    const logs = store();
    logs.writer('ns/p', 'app')('one\ntwo\nthree');
    logs.writer('ns/p', 'helper')('other');
    expect(logs.read('ns', 'p', {})).toBe('one\ntwo\nthree\n');
    expect(logs.read('ns', 'p', { container: 'helper' })).toBe('other\n');
    expect(logs.read('ns', 'p', { tailLines: 1, timestamps: true })).toBe(
      '2024-05-01T10:00:00.000000000Z three\n',
    );
    expect(logs.read('ns', 'p', { tailLines: 0 })).toBe('');
    expect(logs.read('ns', 'p', { container: 'missing' })).toBeUndefined();
    expect(logs.read('ns', 'other', {})).toBeUndefined();
  });

  it('keeps the previous run after a restart, and forgets a removed pod', () => {
    const logs = store();
    const write = logs.writer('ns/p', 'app');
    write('first run');
    expect(logs.read('ns', 'p', { previous: true })).toBeUndefined();
    logs.rotate('ns/p', 'app');
    write('second run');
    expect(logs.read('ns', 'p', {})).toBe('second run\n');
    expect(logs.read('ns', 'p', { previous: true })).toBe('first run\n');
    logs.remove('ns/p');
    expect(logs.read('ns', 'p', {})).toBeUndefined();
  });
});
