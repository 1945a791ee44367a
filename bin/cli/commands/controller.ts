import { z } from 'zod';
import { startReleaseController } from '@/lib/server/release/controller';
import { PrometheusClient } from '@/lib/server/metrics/prometheus-client';
import { loadClusterConfig } from '../cluster-config';
import { defineCommand } from '../command';

/** `aviary controller`: the release controller alone (in a cluster, or beside `aviary sandbox`). */
export const command = defineCommand({
  options: {
    kubeconfig: {
      // No `env: 'KUBECONFIG'`: that variable is a list of files, read as kubectl reads it.
      flag: 'kubeconfig',
      kind: 'string',
      placeholder: 'FILE',
      description:
        'kubeconfig (else the files in KUBECONFIG, else ~/.kube/config, else in-cluster)',
      schema: z.string().optional(),
    },
    namespace: {
      flag: 'namespace',
      env: 'AVIARY_NAMESPACE',
      kind: 'string',
      placeholder: 'NS',
      description: 'watch one namespace only (all by default)',
      schema: z.string().optional(),
    },
    leaseNamespace: {
      flag: 'lease-namespace',
      env: 'AVIARY_LEASE_NAMESPACE',
      kind: 'string',
      placeholder: 'NS',
      description: 'namespace of the leader-election Lease',
      schema: z.string().default('kube-system'),
    },
    prometheus: {
      flag: 'prometheus-url',
      env: 'AVIARY_PROMETHEUS_URL',
      kind: 'string',
      placeholder: 'URL',
      description: 'Prometheus for analysis gates (gates are Inconclusive without it)',
      schema: z.string().url().optional(),
    },
    workers: {
      flag: 'workers',
      env: 'AVIARY_CONTROLLER_WORKERS',
      kind: 'string',
      placeholder: 'N',
      description: 'release jobs reconciled at the same time',
      schema: z.coerce
        .number({ message: 'must be a whole number from 1 to 64' })
        .int('must be a whole number from 1 to 64')
        .min(1, 'must be a whole number from 1 to 64')
        .max(64, 'must be a whole number from 1 to 64')
        .default(8),
    },
  },
  description:
    'Reconciles ReleaseJobs until Ctrl-C or SIGTERM; with several replicas, one holds the Lease and the others wait.',
  async run({ kubeconfig, namespace, leaseNamespace, prometheus, workers }) {
    const kubeConfig = loadClusterConfig(kubeconfig);
    const controller = await startReleaseController({
      kubeConfig,
      namespace,
      leaderElection: { namespace: leaseNamespace },
      workers,
      metrics: prometheus ? new PrometheusClient(prometheus) : undefined,
      log: (message) => console.log(message),
    });
    console.log(`aviary controller: started against ${kubeConfig.getCurrentCluster()?.server}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await controller.stop();
    return 0;
  },
});
