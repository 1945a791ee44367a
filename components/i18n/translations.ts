/**
 * Aviary's translation hooks for components (client components, and synchronous server
 * components, which next-intl also serves): `const t = useTranslations('ui'); t('copy.button')`.
 * Components import these instead of next-intl, so the library stays behind this one module.
 */
export { useFormatter, useLocale, useNow, useTranslations } from 'next-intl';
