'use client';

import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isApiError } from '@/lib/client/api-fetch';
import { redirectToSignIn } from '@/lib/client/project-live';
import { useState, type ReactNode } from 'react';
import { I18nProvider, type I18nProviderProps } from './i18n/i18n-provider';
import { ToastProvider } from './ui/toast';

/** Client-side context for every page: the data cache, the messages and the toasts. */
export function Providers({
  locale,
  messages,
  timeZone,
  children,
}: Omit<I18nProviderProps, 'children'> & { children: ReactNode }) {
  // One QueryClient per browser tab, created lazily so server renders never share one.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // A session that ended while the page was open: sign in again, then come back here.
        queryCache: new QueryCache({
          onError: (error) => {
            if (isApiError(error, 'Unauthorized')) redirectToSignIn();
          },
        }),
        defaultOptions: {
          queries: {
            staleTime: 10_000,
            refetchOnWindowFocus: false,
            // An unreachable cluster or console is retried for as long as the page is open, backing
            // off to 30 s; anything else the API refused is not going to change by retrying.
            retry: (failures, error) =>
              isApiError(error, 'ClusterUnavailable') || isApiError(error, 'Offline')
                ? true
                : failures < 1 && !isApiError(error),
            retryDelay: (attempt) => Math.min(30_000, 1000 * 2 ** attempt),
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale} messages={messages} timeZone={timeZone}>
        <ToastProvider>{children}</ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
