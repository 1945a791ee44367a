import 'server-only';
import { KubeConfig } from '@kubernetes/client-node';
import { asProgram, impersonate, shareAgent } from './kube-config';

/**
 * Kubernetes clients that act as a signed-in person, so the cluster's RBAC decides what they may
 * do and its audit log names them: Aviary's own accounts through impersonation of the console's
 * identity (Impersonate-User, plus Impersonate-Group for platform admins), a bearer-token sign-in
 * with the person's own token. Kept per identity, since building a KubeConfig costs a parse.
 */

export type ClusterIdentity =
  { via: 'account'; username: string; groups: readonly string[] } | { via: 'token'; token: string };

const cache = new Map<string, KubeConfig>();
const cacheLimit = 500;

export function kubeConfigAs(base: KubeConfig, identity: ClusterIdentity): KubeConfig {
  const key =
    identity.via === 'account'
      ? `a\0${identity.username}\0${identity.groups.join('\0')}`
      : `t\0${identity.token}`;
  let config = cache.get(key);
  if (config && cacheOwner.get(config) === base) return config;
  config = asProgram(
    identity.via === 'account' ? impersonating(base, identity) : withToken(base, identity.token),
    'aviary-console',
  );
  cacheOwner.set(config, base);
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(key, config);
  return config;
}

const cacheOwner = new WeakMap<KubeConfig, KubeConfig>();

function impersonating(
  base: KubeConfig,
  identity: { username: string; groups: readonly string[] },
): KubeConfig {
  const copy = impersonate(base, identity.username);
  if (identity.groups.length === 0) return copy;
  if (identity.groups.length > 1) {
    // client-node joins repeated header values with commas, which kube-apiserver would read as one
    // group name; Aviary's accounts carry at most one group (platform admins).
    throw new Error('impersonating more than one group is not supported');
  }
  const target = copy as unknown as {
    applyOptions: (opts: { headers?: Record<string, string> }) => Promise<void>;
  };
  const original = target.applyOptions.bind(copy);
  target.applyOptions = async (opts) => {
    await original(opts);
    opts.headers = { ...opts.headers, 'Impersonate-Group': identity.groups[0]! };
  };
  return copy;
}

/** The console's cluster and CA with the person's own token instead of the console's credentials. */
function withToken(base: KubeConfig, token: string): KubeConfig {
  const cluster = base.getCurrentCluster();
  if (!cluster) throw new Error('the console has no current cluster');
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'signed-in', token }],
    contexts: [{ name: 'signed-in', cluster: cluster.name, user: 'signed-in' }],
    currentContext: 'signed-in',
  });
  return shareAgent(config);
}
