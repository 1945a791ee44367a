'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { signInSchema } from '@/lib/domain/accounts/account-schema';
import { endpoints } from '@/lib/domain/api/endpoints';
import { apiFetch } from './api-fetch';
import { queryKeys } from './query-keys';

/** Sign-in and sign-out; the page that signs in seeds the cache with who signed in. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof signInSchema>) => apiFetch(endpoints.signIn, { body }),
    onSuccess: (data) => {
      client.clear();
      client.setQueryData(queryKeys.me(), data);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch(endpoints.signOut),
    onSettled: () => client.clear(),
  });
}
