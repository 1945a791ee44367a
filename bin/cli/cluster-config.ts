import type { KubeConfig } from '@kubernetes/client-node';
import { loadKubeConfig } from '@/lib/server/kube/kube-config';
import { KubeConfigError } from '@/lib/server/kube/kube-config-source';
import { UsageError } from './cli-errors';

/**
 * The cluster a command talks to, found as kubectl finds it (`kubeconfig` is its --kubeconfig
 * flag). No cluster configured, or a kubeconfig that is missing or unusable, is a usage mistake
 * reported before any request (exit 2), instead of client-node's fallback to http://localhost:8080
 * failing on the first request with a message about skipTLSVerify.
 */
export function loadClusterConfig(
  kubeconfig: string | undefined,
  env: Record<string, string | undefined> = process.env,
): KubeConfig {
  try {
    return loadKubeConfig({ kubeconfig, env });
  } catch (error) {
    if (error instanceof KubeConfigError) throw new UsageError(error.message);
    throw error;
  }
}
