/** Words used everywhere: the product's name, the language names, generic actions. */
export const common = {
  app: {
    name: 'Aviary',
    tagline: 'Grayscale releases on an Istio service mesh',
  },
  // Each language is named in its own words in every catalog, as a language switch shows them.
  locale: {
    en: 'English',
    'zh-CN': '简体中文',
  },
  comingSoon: 'This page is being built.',
} as const;
