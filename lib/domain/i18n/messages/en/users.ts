/** Platform accounts, managed by platform administrators. */
export const users = {} as const;
