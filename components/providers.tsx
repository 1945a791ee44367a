'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
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
        defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false } },
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
