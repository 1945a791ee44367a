import { loadKubeConfig } from '@/lib/server/kube/kube-config';
import { PrometheusClient } from '@/lib/server/metrics/prometheus-client';
import { startReleaseController } from '@/lib/server/release/controller';
import type { ServiceDefinition } from './service';

/**
 * The release controller, in this process, against the cluster of `kubeconfig`. In the demo it
 * runs beside the sandbox; in a cluster the console's Deployment or `aviary controller` runs it,
 * with a Lease so that only one replica reconciles.
 */
export function releaseControllerService(options: { kubeconfig: string; prometheusUrl: string }): ServiceDefinition {
  return {
    name: 'release controller',
    async start() {
      const controller = await startReleaseController({
        kubeConfig: loadKubeConfig({ kubeconfig: options.kubeconfig }),
        leaderElection: { namespace: 'kube-system' },
        metrics: new PrometheusClient(options.prometheusUrl),
        log: (message) => console.log(`[release controller] ${message}`),
      });
      return {
        name: 'release controller',
        endpoints: [],
        ended: new Promise<string>(() => undefined),
        stop: () => controller.stop(),
      };
    },
  };
}
