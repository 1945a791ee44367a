/** Project members and their roles. */
export const members = {} as const;
