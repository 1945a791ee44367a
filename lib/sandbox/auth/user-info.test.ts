import { describe, expect, it } from 'vitest';
import { serviceAccountUser, splitServiceAccountUsername } from './user-info';

describe('ServiceAccount users', () => {
  it('authenticate as system:serviceaccount:NS:NAME with their groups', () => {
    expect(serviceAccountUser('demo', 'builder')).toEqual({
      name: 'system:serviceaccount:demo:builder',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:demo', 'system:authenticated'],
    });
  });

  it.each([
    ['system:serviceaccount:demo:builder', { namespace: 'demo', name: 'builder' }],
    ['system:serviceaccount:demo:my.sa-1', { namespace: 'demo', name: 'my.sa-1' }],
    ['system:serviceaccount:demo', undefined],
    ['system:serviceaccount:demo:a:b', undefined],
    ['system:serviceaccount:Demo:builder', undefined],
    ['system:serviceaccount:demo:', undefined],
    ['alice', undefined],
  ])('%s splits to %j', (username, parts) => {
    expect(splitServiceAccountUsername(username)).toEqual(parts);
  });
});
