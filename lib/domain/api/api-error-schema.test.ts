import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signInSchema } from '../accounts/account-schema';
import { issuesOf } from './api-error-schema';

const issuesFor = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be invalid');
  return issuesOf(parsed.error);
};

const member = z.strictObject({ username: z.string(), role: z.enum(['viewer', 'admin']) });

describe('issuesOf', () => {
  it.each([
    {
      name: 'a wrong type names its field',
      schema: member,
      value: { username: 5, role: 'viewer' },
      paths: ['username'],
    },
    {
      name: 'nested paths are dotted',
      schema: z.object({ members: z.array(member) }),
      value: { members: [{ username: 'a', role: 'owner' }] },
      paths: ['members.0.role'],
    },
    {
      name: 'each unknown key is an issue of its own field',
      schema: member,
      value: { username: 'a', role: 'viewer', admin: true, extra: 1 },
      paths: ['admin', 'extra'],
    },
    {
      name: 'a union reports the branch it came closest to',
      schema: signInSchema,
      value: { username: 5, password: 'x' },
      paths: ['username'],
    },
    {
      name: 'an unknown key next to a password sign-in names the key',
      schema: signInSchema,
      value: { username: 'a', password: 'b', admin: true },
      paths: ['admin'],
    },
    { name: 'a body that is no object is (body)', schema: member, value: 'x', paths: ['(body)'] },
  ])('$name', ({ schema, value, paths }) => {
    const issues = issuesFor(schema, value);
    expect(issues.map((i) => i.path)).toEqual(paths);
    for (const issue of issues) expect(issue.message).not.toBe('');
  });

  it('says an unknown field is not known', () => {
    expect(issuesFor(member, { username: 'a', role: 'viewer', bogus: 1 })).toEqual([
      { path: 'bogus', message: 'is not a known field' },
    ]);
  });
});
