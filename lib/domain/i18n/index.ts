import { z } from 'zod';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-cn';

export type { MessageKey };

/** The locales Aviary ships catalogs for, in the order the language switch offers them. */
export const locales = ['en', 'zh-CN'] as const;
export const localeSchema = z.enum(locales);
export type Locale = z.infer<typeof localeSchema>;
export const defaultLocale: Locale = 'en';

/** Name of the cookie that keeps the chosen language, so server-rendered pages use it too. */
export const localeCookieName = 'aviary-locale';

export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Reads a locale from untrusted input (a cookie), falling back to the default. */
export function parseLocale(value: string | undefined | null): Locale {
  const parsed = localeSchema.safeParse(value);
  return parsed.success ? parsed.data : defaultLocale;
}

/** The message for `key` in `locale`; English when a catalog lacks it (tests forbid that). */
export function translate(locale: Locale, key: MessageKey): string {
  return catalogs[locale][key] ?? en[key];
}
