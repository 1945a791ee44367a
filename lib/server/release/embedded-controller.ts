import 'server-only';
import { loadKubeConfig } from '../kube/kube-config';
import { PrometheusClient } from '../metrics/prometheus-client';
import { startReleaseController, type ReleaseController } from './controller';

let running: Promise<ReleaseController | undefined> | undefined;

/**
 * Runs the release controller inside the console server, as the design asks: one per server
 * process, and one leader per cluster through the Lease, so several console replicas never fight.
 * `AVIARY_RELEASE_CONTROLLER=off` leaves it to a separate `aviary controller`.
 */
export function startEmbeddedReleaseController(
  env: Record<string, string | undefined> = process.env,
): Promise<ReleaseController | undefined> {
  running ??= (async () => {
    if (env.AVIARY_RELEASE_CONTROLLER === 'off') return undefined;
    let kubeConfig;
    try {
      // Refuses (rather than client-node's fallback to localhost:8080) when no cluster is configured.
      kubeConfig = loadKubeConfig({ env });
    } catch (error) {
      console.warn(
        `[aviary] the release controller is idle: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
    const controller = await startReleaseController({
      kubeConfig,
      leaderElection: { namespace: env.AVIARY_LEASE_NAMESPACE ?? 'kube-system' },
      metrics: env.AVIARY_PROMETHEUS_URL
        ? new PrometheusClient(env.AVIARY_PROMETHEUS_URL)
        : undefined,
      log: (message) => console.log(`[release controller] ${message}`),
    });
    console.log(
      `[aviary] release controller started against ${kubeConfig.getCurrentCluster()?.server}`,
    );
    return controller;
  })();
  return running;
}
