/**
 * Where a Bookinfo service finds the others, from its environment as the real sample does:
 * `<NAME>_HOSTNAME` (default the service name), `SERVICES_DOMAIN` appended when set, and
 * `<NAME>_SERVICE_PORT` (default 9080).
 */
export type UpstreamName = 'details' | 'reviews' | 'ratings';

export function upstreamUrl(env: Record<string, string>, name: UpstreamName): string {
  const upper = name.toUpperCase();
  const host = env[`${upper}_HOSTNAME`] || name;
  const domain = env.SERVICES_DOMAIN ? `.${env.SERVICES_DOMAIN}` : '';
  const port = env[`${upper}_SERVICE_PORT`] || '9080';
  return `http://${host}${domain}:${port}`;
}
