'use client';

import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import type { Locale, Messages } from '@/lib/domain/i18n';

export interface I18nProviderProps {
  locale: Locale;
  messages: Messages;
  timeZone: string;
  children: ReactNode;
}

/** Hands the request's locale and catalog to client islands (the server already rendered in it). */
export function I18nProvider({ locale, messages, timeZone, children }: I18nProviderProps) {
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
