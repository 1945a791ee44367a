/**
 * The locale constants browser code needs, without zod or the catalogs: the language switch
 * imports these, and importing `lib/domain/i18n` itself would put zod and every locale's
 * messages into the bundle of every page.
 */

/** The locales Aviary ships catalogs for, in the order the language switch offers them. */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** Name of the cookie that keeps the chosen language, so server-rendered pages use it too. */
export const localeCookieName = 'aviary-locale';

/**
 * The time zone dates are shown in, the same on the server and in the browser so that a page
 * renders identically on both sides (a per-user choice can replace it later).
 */
export const consoleTimeZone = 'UTC';
