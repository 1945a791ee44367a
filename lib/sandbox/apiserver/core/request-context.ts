/** Who is asking, as the authenticator established it (after impersonation). */
export interface RequestUser {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteContext {
  user: RequestUser;
  fieldManager: string;
  fieldValidation: FieldValidation;
  dryRun: boolean;
  /** Warnings for the `Warning` response header (unknown fields under Warn, ...). */
  warnings: string[];
}

/** The identity the sandbox's own controllers and seed act as. */
export const sandboxUser: RequestUser = {
  name: 'system:aviary-sandbox',
  groups: ['system:masters', 'system:authenticated'],
};

export function writeContext(
  user: RequestUser,
  overrides: Partial<Omit<WriteContext, 'user' | 'warnings'>> = {},
): WriteContext {
  return {
    user,
    fieldManager: overrides.fieldManager ?? 'aviary-sandbox',
    fieldValidation: overrides.fieldValidation ?? 'Strict',
    dryRun: overrides.dryRun ?? false,
    warnings: [],
  };
}
