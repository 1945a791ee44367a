import 'server-only';
import { request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * Who a KubeConfig acts as, as the API server sees it: SelfSubjectReview (authentication.k8s.io/v1,
 * Kubernetes 1.28+) when served, else what the KubeConfig claims (the impersonated user, else its
 * user entry). Either way the API server's audit log stays the trustworthy record.
 */
export async function whoAmI(kubeConfig: KubeConfig): Promise<string> {
  const fromReview = await selfSubjectReview(kubeConfig).catch(() => undefined);
  if (fromReview) return fromReview;
  const user = kubeConfig.getCurrentUser() as { name?: string; impersonateUser?: string } | null;
  return user?.impersonateUser ?? user?.name ?? 'unknown';
}

async function selfSubjectReview(kubeConfig: KubeConfig): Promise<string | undefined> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster?.server.startsWith('https:')) return undefined;
  const options: Record<string, unknown> & { headers?: Record<string, string> } = {
    method: 'POST',
    headers: {},
  };
  await kubeConfig.applyToHTTPSOptions(options as never);
  const url = new URL('/apis/authentication.k8s.io/v1/selfsubjectreviews', cluster.server);
  const body = JSON.stringify({
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
  });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        ...options,
        headers: { ...options.headers, 'content-type': 'application/json' },
        timeout: 5_000,
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 300) return resolve(undefined);
          try {
            resolve(
              (JSON.parse(text) as { status?: { userInfo?: { username?: string } } }).status
                ?.userInfo?.username,
            );
          } catch {
            resolve(undefined);
          }
        });
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}
