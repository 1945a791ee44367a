/** Sign-in, sign-out and sessions. */
export const auth = {} as const;
