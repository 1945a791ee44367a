import { describe, expect, it } from 'vitest';
import { goBase64ErrorOffset, goPlusV } from './go-format';

describe('goPlusV', () => {
  it.each([
    [{ spec: { zeal: 3, paused: false } }, 'map[spec:map[paused:false zeal:3]]'],
    [{ $setElementOrder: [{ name: 'a' }], b: null }, 'map[$setElementOrder:[map[name:a]] b:<nil>]'],
    [['x', 'y z', 0.5], '[x y z 0.5]'],
    [{}, 'map[]'],
  ])('prints %j as Go prints it', (value, text) => {
    expect(goPlusV(value)).toBe(text);
  });
});

describe('goBase64ErrorOffset', () => {
  it.each([
    ['YWRtaW4=', undefined],
    ['YWRtaQ==', undefined],
    ['', undefined],
    ['YWRt\naW4=', undefined],
    ['admin', 4],
    ['My-pass-123', 2],
    ['password!', 8],
    ['abcdef', 4],
    ['=abc', 0],
    ['ab=', 3],
    ['ab=c', 2],
    ['YWRtaW4=x', 8],
  ])('%j fails at %s', (text, offset) => {
    expect(goBase64ErrorOffset(text)).toBe(offset);
  });
});
