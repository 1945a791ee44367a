'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { translate, type Locale, type MessageKey } from '@/lib/domain/i18n';

const LocaleContext = createContext<Locale>('en');

/** Makes the request's locale available to client islands (the server already rendered in it). */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** `t(key)` in the current locale, for client components. */
export function useT(): (key: MessageKey) => string {
  const locale = useLocale();
  return (key) => translate(locale, key);
}
