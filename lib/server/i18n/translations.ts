import 'server-only';

/**
 * Aviary's server-side translation API (server components, route handlers, metadata): pages
 * import these instead of next-intl, so the library stays behind this one module.
 * `const t = await getTranslations('shell'); t('nav.grayscale')` is typed by the English catalog.
 */
export {
  getFormatter,
  getLocale,
  getMessages,
  getTimeZone,
  getTranslations,
} from 'next-intl/server';
