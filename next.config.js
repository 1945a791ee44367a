/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only packages stay out of the server bundle and load from node_modules.
  serverExternalPackages: ['better-sqlite3', '@kubernetes/client-node'],
};

export default nextConfig;
