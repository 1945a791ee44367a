import { describe, expect, it } from 'vitest';
import {
  computePodTemplateHash,
  fnv32a,
  safeAlphabet,
  safeEncodeString,
} from './pod-template-hash';
import { template } from './test-fixtures';

describe('pod template hash', () => {
  it('is FNV-32a', () => {
    // Reference values of FNV-1a 32: "" and "a".
    expect(fnv32a(new Uint8Array())).toBe(0x811c9dc5);
    expect(fnv32a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
  });

  it('encodes digits into the safe alphabet as rand.SafeEncodeString', () => {
    // Byte % 27 into the alphabet: digits become 4-9 and b, c, d, f, the look of `web-5d8f7c9b8`.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it.each([
    { name: 'the same template', a: template('nginx:1'), b: template('nginx:1'), same: true },
    {
      name: 'key order and empty values do not matter',
      a: { metadata: { labels: { x: '1' }, annotations: {} } },
      b: { metadata: { labels: { x: '1' } } },
      same: true,
    },
    { name: 'another image', a: template('nginx:1'), b: template('nginx:2'), same: false },
  ])('$name', ({ a, b, same }) => {
    expect(computePodTemplateHash(a) === computePodTemplateHash(b)).toBe(same);
  });

  it('moves with the collision count and stays in the safe alphabet', () => {
    const plain = computePodTemplateHash(template('nginx:1'));
    const bumped = computePodTemplateHash(template('nginx:1'), 1);
    expect(bumped).not.toBe(plain);
    expect([...plain, ...bumped].every((ch) => safeAlphabet.includes(ch))).toBe(true);
  });
});
