import { z } from 'zod';

/**
 * The one error shape every console API route answers with: a machine-readable code, a sentence
 * for people, and, for invalid input, one issue per field (`path` in dotted form).
 */
export const apiIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ApiIssue = z.infer<typeof apiIssueSchema>;

export const apiErrorCodes = [
  'BadRequest',
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'Conflict',
  'PayloadTooLarge',
  'UnsupportedMediaType',
  'Invalid',
  'TooManyRequests',
  'ClusterUnavailable',
  'Internal',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(apiErrorCodes),
    message: z.string(),
    issues: z.array(apiIssueSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const statusOfCode: Record<ApiErrorCode, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  Invalid: 422,
  TooManyRequests: 429,
  ClusterUnavailable: 503,
  Internal: 500,
};

/**
 * Zod issues as API issues: `members.0.role`-style paths, zod's message. Each unknown key is an
 * issue of its own field, and a union that matched no branch reports the branch it came closest
 * to (fewest issues), so a sign-in with `"username": 5` names `username` instead of `(body)`.
 */
export function issuesOf(error: z.ZodError): ApiIssue[] {
  return flatten(error.issues, []).map(({ path, message }) => ({
    path: path.map(String).join('.') || '(body)',
    message,
  }));
}

type Issue = z.core.$ZodIssue;

function flatten(
  issues: readonly Issue[],
  prefix: PropertyKey[],
): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: 'is not a known field' }));
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, branch) =>
        branch.length < best.length ? branch : best,
      );
      return flatten(closest, path);
    }
    return [{ path, message: issue.message }];
  });
}
