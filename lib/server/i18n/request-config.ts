import 'server-only';
import { getRequestConfig } from 'next-intl/server';
import { catalogs, consoleTimeZone } from '@/lib/domain/i18n';
import { getRequestLocale } from './request-locale';

/**
 * next-intl's per-request configuration (named in next.config.js): the locale comes from the
 * `aviary-locale` cookie, not from the address, so routes carry no locale prefix and no
 * middleware rewrites them.
 */
export default getRequestConfig(async () => {
  const locale = await getRequestLocale();
  return { locale, messages: catalogs[locale], timeZone: consoleTimeZone };
});
