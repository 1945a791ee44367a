import { describe, expect, it } from 'vitest';
import { selfSubjectReview } from './self-subject-review';
import type { UserInfo } from './user-info';

const now = new Date('2026-03-01T10:20:30.456Z');
const posted = {
  apiVersion: 'authentication.k8s.io/v1',
  kind: 'SelfSubjectReview',
  metadata: { creationTimestamp: null },
  status: { userInfo: {} },
};

describe('selfSubjectReview', () => {
  it.each<[string, UserInfo, Record<string, unknown>]>([
    [
      'a token user',
      { name: 'alice', groups: ['staff', 'system:authenticated'] },
      { username: 'alice', groups: ['staff', 'system:authenticated'] },
    ],
    [
      'a user with a uid and extras',
      {
        name: 'bob',
        uid: 'u-1',
        groups: ['system:authenticated'],
        extra: { scopes: ['view', 'edit'] },
      },
      {
        username: 'bob',
        uid: 'u-1',
        groups: ['system:authenticated'],
        extra: { scopes: ['view', 'edit'] },
      },
    ],
    [
      'omits what is empty, as Go omits empty fields',
      { name: 'carol', uid: '', groups: [], extra: {} },
      { username: 'carol' },
    ],
  ])('answers %s', (_case, user, userInfo) => {
    expect(selfSubjectReview(user, posted, now)).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: '2026-03-01T10:20:30Z' },
      status: { userInfo },
    });
  });

  it('answers the caller, never what the body claims', () => {
    const claimed = { ...posted, status: { userInfo: { username: 'root', groups: ['x'] } } };
    expect(
      selfSubjectReview({ name: 'alice', groups: ['system:authenticated'] }, claimed, now).status,
    ).toEqual({ userInfo: { username: 'alice', groups: ['system:authenticated'] } });
  });

  it('accepts a bare object, as kube-apiserver defaults the rest', () => {
    expect(selfSubjectReview({ name: 'alice', groups: [] }, {}, now).status.userInfo.username).toBe(
      'alice',
    );
  });

  it.each([
    [{ metadata: 'x' }, 'the body of the SelfSubjectReview could not be decoded at metadata'],
    [{ status: { userInfo: { groups: 'a' } } }, 'at status.userInfo.groups'],
    [[], 'the body of the SelfSubjectReview could not be decoded: '],
  ])('refuses an undecodable body %j with a 400', (body, message) => {
    expect(() => selfSubjectReview({ name: 'alice', groups: [] }, body, now)).toThrow(
      expect.objectContaining({ code: 400, message: expect.stringContaining(message) }),
    );
  });
});
