'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { endpoints } from '@/lib/domain/api/endpoints';
import type { Member, ProjectRole } from '@/lib/domain/projects';
import { apiFetch } from './api-fetch';
import { queryKeys } from './query-keys';

/** A project's members: list, invite, change a role, remove. */
export const getMembersQueryOptions = (ns: string) => ({
  queryKey: queryKeys.members(ns),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiFetch(endpoints.listMembers, { params: { ns }, signal }),
});

/** `initialData`: the list the page's server component loaded, so the first render needs no fetch. */
export function useMembers(ns: string, initialData?: { items: Member[] }) {
  return useQuery({ ...getMembersQueryOptions(ns), ...(initialData ? { initialData } : {}) });
}

function useMemberMutation<T, R>(ns: string, mutationFn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.members(ns) }),
  });
}

export const useInviteMember = (ns: string) =>
  useMemberMutation(ns, (body: { username: string; role: ProjectRole }) =>
    apiFetch(endpoints.inviteMember, { params: { ns }, body }),
  );

export const useChangeMemberRole = (ns: string) =>
  useMemberMutation(ns, ({ username, role }: { username: string; role: ProjectRole }) =>
    apiFetch(endpoints.changeMemberRole, { params: { ns, username }, body: { role } }),
  );

export const useRemoveMember = (ns: string) =>
  useMemberMutation(ns, (username: string) =>
    apiFetch(endpoints.removeMember, { params: { ns, username } }),
  );
