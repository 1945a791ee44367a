/** Every query key of the console, from one place, so invalidation and live updates find them. */
export const queryKeys = {
  me: () => ['auth', 'me'] as const,
  users: () => ['admin', 'users'] as const,
  projects: () => ['projects'] as const,
  project: (ns: string) => ['projects', ns] as const,
  projectOverview: (ns: string) => ['projects', ns, 'overview'] as const,
  members: (ns: string) => ['projects', ns, 'members'] as const,
};
