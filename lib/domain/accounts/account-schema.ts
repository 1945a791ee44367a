import { z } from 'zod';

/**
 * The shapes of Aviary's built-in accounts, shared by the sign-in and user forms, the route
 * handlers and the `aviary user` command. An account name is used as the Kubernetes user name the
 * console impersonates and inside object names, so it is a DNS-1123 label.
 */
export const usernameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be lowercase letters, digits and "-", starting and ending with a letter or digit',
  );

/** Passwords are long enough to resist guessing and short enough that scrypt stays cheap. */
export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

/** A platform administrator manages accounts and every project; a user works in the projects they are a member of. */
export const platformRoles = ['admin', 'user'] as const;
export const platformRoleSchema = z.enum(platformRoles);
export type PlatformRole = z.infer<typeof platformRoleSchema>;

export const signInWithPasswordSchema = z.strictObject({
  username: z.string().min(1, 'must not be empty').max(253),
  password: z.string().min(1, 'must not be empty').max(1024),
});

/** A bearer token the cluster accepts (real clusters: an OIDC id token, a service account token). */
export const signInWithTokenSchema = z.strictObject({
  token: z.string().min(8, 'is too short to be a token').max(16_384),
});

export const signInSchema = z.union([signInWithPasswordSchema, signInWithTokenSchema]);
export type SignInRequest = z.infer<typeof signInSchema>;

/** Who is signed in, as the API tells the browser (never a token or a hash). */
export const currentUserSchema = z.object({
  username: z.string(),
  groups: z.array(z.string()),
  platformRole: platformRoleSchema,
  /** `account` for Aviary's own accounts, `token` for a bearer token the cluster accepted. */
  via: z.enum(['account', 'token']),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const accountSummarySchema = z.object({
  username: usernameSchema,
  platformRole: platformRoleSchema,
  createdAt: z.string(),
  passwordChangedAt: z.string().optional(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const createAccountSchema = z.strictObject({
  username: usernameSchema,
  platformRole: platformRoleSchema.default('user'),
  /** Omit to have a password generated and shown once. */
  password: passwordSchema.optional(),
});
export type CreateAccountRequest = z.infer<typeof createAccountSchema>;

export const resetPasswordSchema = z.strictObject({
  /** Omit to have a password generated and shown once. */
  password: passwordSchema.optional(),
});

/** The answer to creating an account or resetting its password: the password, shown once. */
export const accountWithPasswordSchema = z.object({
  account: accountSummarySchema,
  password: z.string(),
  generated: z.boolean(),
});

/** The group every platform administrator is impersonated with; bound to cluster-admin. */
export const platformAdminGroup = 'aviary:platform-admins';
