import 'server-only';
import {
  ApiException,
  CoordinationV1Api,
  type KubeConfig,
  type V1Lease,
} from '@kubernetes/client-node';

/**
 * Lease-based leader election (coordination.k8s.io/v1), as client-go's leaderelection does it: the
 * holder renews the Lease every `retryMs`; a candidate takes it over once it has not been renewed
 * for `leaseDurationSeconds`. Writes carry the resourceVersion, so two candidates never both win.
 */

export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationSeconds?: number;
  retryMs?: number;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
}

const microTime = (d: Date) => d.toISOString().replace('Z', '000Z');

export function startLeaderElection(
  kubeConfig: KubeConfig,
  options: LeaderElectionOptions,
): { stop(): Promise<void>; isLeader(): boolean } {
  const api = kubeConfig.makeApiClient(CoordinationV1Api);
  const duration = options.leaseDurationSeconds ?? 15;
  const retryMs = options.retryMs ?? 2_000;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const lead = (now: boolean) => {
    if (now === leading) return;
    leading = now;
    if (now) options.onStartedLeading();
    else options.onStoppedLeading();
  };

  const body = (lease: V1Lease | undefined, transitions: number): V1Lease => ({
    ...lease,
    metadata: { ...lease?.metadata, name: options.name, namespace: options.namespace },
    spec: {
      holderIdentity: options.identity,
      leaseDurationSeconds: duration,
      acquireTime: (lease?.spec?.holderIdentity === options.identity
        ? lease.spec.acquireTime
        : microTime(new Date())) as unknown as Date,
      renewTime: microTime(new Date()) as unknown as Date,
      leaseTransitions: transitions,
    },
  });

  const tryAcquire = async () => {
    let lease: V1Lease | undefined;
    try {
      lease = await api.readNamespacedLease({ namespace: options.namespace, name: options.name });
    } catch (error) {
      if (!(error instanceof ApiException && error.code === 404)) throw error;
    }
    if (!lease) {
      await api.createNamespacedLease({ namespace: options.namespace, body: body(undefined, 0) });
      return true;
    }
    const holder = lease.spec?.holderIdentity;
    const renewed = lease.spec?.renewTime
      ? new Date(lease.spec.renewTime as unknown as string).getTime()
      : 0;
    const expired = Date.now() - renewed > (lease.spec?.leaseDurationSeconds ?? duration) * 1000;
    if (holder && holder !== options.identity && !expired) return false;
    const transitions = (lease.spec?.leaseTransitions ?? 0) + (holder === options.identity ? 0 : 1);
    await api.replaceNamespacedLease({
      namespace: options.namespace,
      name: options.name,
      body: body(lease, transitions),
    });
    return true;
  };

  const loop = async () => {
    if (stopped) return;
    try {
      lead(await tryAcquire());
    } catch {
      // A 409 means another candidate wrote first; any other error means we cannot prove we still lead.
      lead(false);
    }
    if (!stopped) timer = setTimeout(() => void loop(), retryMs);
  };
  void loop();

  return {
    isLeader: () => leading,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (leading) {
        // Give the Lease up so another replica takes over at once rather than after it expires.
        try {
          const lease = await api.readNamespacedLease({
            namespace: options.namespace,
            name: options.name,
          });
          if (lease.spec?.holderIdentity === options.identity) {
            await api.replaceNamespacedLease({
              namespace: options.namespace,
              name: options.name,
              body: {
                ...lease,
                spec: { ...lease.spec, holderIdentity: undefined, renewTime: undefined },
              },
            });
          }
        } catch {
          // The Lease expires on its own.
        }
      }
      lead(false);
    },
  };
}
