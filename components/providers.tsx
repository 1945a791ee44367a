'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { Locale } from '@/lib/domain/i18n';
import { I18nProvider } from './i18n/i18n-provider';

/** Client-side context for every page: the data cache and the locale. */
export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  // One QueryClient per browser tab, created lazily so server renders never share one.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale}>{children}</I18nProvider>
    </QueryClientProvider>
  );
}
