'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountSummary, PlatformRole } from '@/lib/domain/accounts/account-schema';
import { endpoints } from '@/lib/domain/api/endpoints';
import { apiFetch } from './api-fetch';
import { queryKeys } from './query-keys';

/** Aviary's accounts, for platform admins: list, create, change role, reset password, delete. */
export const getUsersQueryOptions = () => ({
  queryKey: queryKeys.users(),
  queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch(endpoints.listUsers, { signal }),
});

/** `initialData`: the list the page's server component loaded, so the first render needs no fetch. */
export function useUsers(initialData?: { items: AccountSummary[] }) {
  return useQuery({ ...getUsersQueryOptions(), ...(initialData ? { initialData } : {}) });
}

function useUserMutation<T, R>(mutationFn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users() }),
  });
}

export const useCreateUser = () =>
  useUserMutation((body: { username: string; platformRole: PlatformRole; password?: string }) =>
    apiFetch(endpoints.createUser, { body }),
  );

export const useUpdateUser = () =>
  useUserMutation(({ username, platformRole }: { username: string; platformRole: PlatformRole }) =>
    apiFetch(endpoints.updateUser, { params: { username }, body: { platformRole } }),
  );

export const useResetPassword = () =>
  useUserMutation(({ username, password }: { username: string; password?: string }) =>
    apiFetch(endpoints.resetUserPassword, {
      params: { username },
      body: password ? { password } : {},
    }),
  );

export const useDeleteUser = () =>
  useUserMutation((username: string) => apiFetch(endpoints.deleteUser, { params: { username } }));
