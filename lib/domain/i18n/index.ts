import { z } from 'zod';
import type { Catalog, MessagePath } from './catalog';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

export type { Catalog, MessagePath };

/** The locales Aviary ships catalogs for, in the order the language switch offers them. */
export const locales = ['en', 'zh-CN'] as const;
export const localeSchema = z.enum(locales);
export type Locale = z.infer<typeof localeSchema>;
export const defaultLocale: Locale = 'en';

/** Name of the cookie that keeps the chosen language, so server-rendered pages use it too. */
export const localeCookieName = 'aviary-locale';

/**
 * The time zone dates are shown in, the same on the server and in the browser so that a page
 * renders identically on both sides (a per-user choice can replace it later).
 */
export const consoleTimeZone = 'UTC';

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
