import { z } from 'zod';
import type { Catalog, MessagePath } from './catalog';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';
import { consoleTimeZone, defaultLocale, localeCookieName, locales, type Locale } from './locales';

export type { Catalog, MessagePath };

export { consoleTimeZone, defaultLocale, localeCookieName, locales, type Locale };

export const localeSchema = z.enum(locales);

/** Every message of the console, by area (`common`, `shell`, `ui`, ...): ICU message syntax. */
export type Messages = typeof en;

/** One of the catalog's areas, the namespace a component asks its translations for. */
export type MessageArea = keyof Messages;

/** A message's dotted path within one area (`MessageKey<'shell'>` is `'nav.grayscale' | ...`). */
export type MessageKey<Area extends MessageArea> = MessagePath<Messages[Area]>;

/**
 * The catalog of each locale. Chinese is typed as the English catalog (whose literal strings let
 * next-intl check each message's arguments at compile time): `Catalog` makes its keys match,
 * and the catalog test checks that its ICU arguments do.
 */
export const catalogs: Record<Locale, Messages> = { en, 'zh-CN': zhCN as unknown as Messages };

/** Reads a locale from untrusted input (a cookie), falling back to the default. */
export function parseLocale(value: string | undefined | null): Locale {
  const parsed = localeSchema.safeParse(value);
  return parsed.success ? parsed.data : defaultLocale;
}
