import type { Locale, Messages } from '@/lib/domain/i18n';

// Types next-intl's `useTranslations`, `getTranslations` and `useLocale` by Aviary's catalogs: a
// key that is not in the English catalog, or a message's missing argument, fails the type check.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
