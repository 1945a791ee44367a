/** Project members and their roles. */
export const members = {
  roles: {
    viewer: 'Viewer',
    operator: 'Operator',
    admin: 'Project administrator',
  },
} as const;
