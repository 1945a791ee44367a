/**
 * The sandbox's kubelet: gives each pod an IP, starts it in the PodRuntime, writes the status the
 * runtime reports (now and on every later `onStatusChange`), stops pods that are deleted, and
 * finishes graceful deletions. The runtime calls are the only state; status itself is computed by
 * the pure {@link reconcilePodStatus}.
 */
import { resources } from '../apiserver/cluster-client';
import type { ReconcileResult } from './actions';
import type { Informer } from './informer';
import { IpAllocator } from './ip-allocator';
import { splitKey } from './object-meta';
import type { PodRuntime, RuntimePodStatus } from './pod-runtime';
import { reconcilePodStatus } from './pod-status';
import type { Pod } from './workload-types';

export interface PodLifecycleOptions {
  runtime: PodRuntime;
  pods: Informer;
  nodeName: string;
  hostIP: string;
  now: () => string;
  /** Queues a pod key again (a runtime reported a change). */
  enqueue: (key: string) => void;
  onError: (error: unknown, context: string) => void;
}

interface PodRecord {
  uid: string;
  pod: Pod;
  ip: string;
  started: boolean;
  stopped: boolean;
  status: RuntimePodStatus | undefined;
  /** Bumped by every runtime report, so a late `start` result cannot overwrite a newer report. */
  reports: number;
}

export class PodLifecycle {
  private readonly records = new Map<string, PodRecord>();
  private readonly allocator = new IpAllocator();

  constructor(private readonly options: PodLifecycleOptions) {}

  /** Brings one pod's runtime state and status in line with the pod object. */
  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const pod = this.options.pods.get(namespace, name) as Pod | undefined;
    let record = this.records.get(key);
    if (record && (!pod || pod.metadata.uid !== record.uid)) {
      await this.release(key, record);
      record = undefined;
    }
    if (!pod) return { actions: [] };
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return { actions: [] };

    if (pod.metadata.deletionTimestamp) {
      // Graceful deletion: once the containers are stopped the kubelet confirms with grace 0.
      if (record) await this.release(key, record);
      return {
        actions: [
          {
            verb: 'delete',
            ref: resources.pods,
            namespace,
            name,
            uid: pod.metadata.uid,
            gracePeriodSeconds: 0,
          },
        ],
      };
    }

    if (!record) {
      const uid = pod.metadata.uid ?? key;
      record = {
        uid: pod.metadata.uid ?? '',
        pod,
        ip: this.allocator.allocate(uid, pod.status?.podIP),
        started: false,
        stopped: false,
        status: undefined,
        reports: 0,
      };
      this.records.set(key, record);
    }
    if (!record.started) await this.start(key, record);
    if (record.stopped) return { actions: [] };

    const latest = this.options.pods.get(namespace, name) as Pod | undefined;
    if (!latest || latest.metadata.uid !== record.uid) return { actions: [], requeueAfterMs: 0 };
    return reconcilePodStatus({
      pod: latest,
      runtime: record.status,
      podIP: record.ip,
      hostIP: this.options.hostIP,
      nodeName: latest.spec.nodeName ?? this.options.nodeName,
      now: this.options.now(),
    });
  }

  /** Stops every pod the runtime runs (the sandbox is shutting down). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.records].map(([key, record]) => this.release(key, record)));
  }

  private async start(key: string, record: PodRecord): Promise<void> {
    const before = record.reports;
    const context = {
      podKey: key,
      podIP: record.ip,
      hostIP: this.options.hostIP,
      nodeName: record.pod.spec.nodeName ?? this.options.nodeName,
      onStatusChange: (_podKey: string, status: RuntimePodStatus) => {
        if (record.stopped || this.records.get(key) !== record) return;
        record.reports++;
        record.status = status;
        this.options.enqueue(key);
      },
    };
    record.started = true;
    try {
      const first = await this.options.runtime.start(record.pod, context);
      if (record.reports === before) record.status = first;
    } catch (error) {
      // Left unstarted: the queue retries with backoff, and the pod stays Pending meanwhile.
      record.started = false;
      throw error;
    }
  }

  private async release(key: string, record: PodRecord): Promise<void> {
    record.stopped = true;
    if (this.records.get(key) === record) this.records.delete(key);
    this.allocator.release(record.uid || key);
    if (!record.started) return;
    try {
      await this.options.runtime.stop(record.pod);
    } catch (error) {
      this.options.onError(error, `pod-lifecycle stop ${key}`);
    }
  }
}
