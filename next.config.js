import createNextIntlPlugin from 'next-intl/plugin';

// The locale comes from the `aviary-locale` cookie (lib/server/i18n/request-config.ts), so the
// plugin is used without next-intl's routing middleware and addresses carry no locale prefix.
const withNextIntl = createNextIntlPlugin('./lib/server/i18n/request-config.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only packages stay out of the server bundle and load from node_modules.
  serverExternalPackages: ['better-sqlite3', '@kubernetes/client-node'],
  // `npm test` type-checks the whole tree (tests, sandbox, bin) with tsc before it builds; the
  // build need not repeat it, nor fail the demo on a type error in a test file.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
