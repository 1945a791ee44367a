import { stringify } from 'yaml';

/** A kubeconfig for one user of the sandbox, with the CA inline so it works from any directory. */
export function kubeconfigYaml(options: {
  server: string;
  caCertPem: string;
  user: string;
  token: string;
  namespace?: string;
}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'aviary-sandbox',
        cluster: {
          server: options.server,
          'certificate-authority-data': Buffer.from(options.caCertPem).toString('base64'),
        },
      },
    ],
    users: [{ name: options.user, user: { token: options.token } }],
    contexts: [
      {
        name: `${options.user}@aviary-sandbox`,
        context: {
          cluster: 'aviary-sandbox',
          user: options.user,
          ...(options.namespace ? { namespace: options.namespace } : {}),
        },
      },
    ],
    'current-context': `${options.user}@aviary-sandbox`,
    preferences: {},
  });
}
