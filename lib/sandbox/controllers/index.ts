/**
 * The sandbox's workload controllers, started together over one ClusterClient: Deployment ->
 * ReplicaSet -> Pod, the pod lifecycle (the sandbox's kubelet, backed by a PodRuntime), and
 * Service -> Endpoints, sharing one informer per resource and one Event recorder.
 */
import type { ClusterClient } from '../apiserver/cluster-client';
import { resources } from '../apiserver/cluster-client';
import type { KubeObject } from '../apiserver/types';
import { Controller } from './controller';
import { reconcileDeployment } from './deployment-reconcile';
import { reconcileEndpoints } from './endpoints-reconcile';
import { EventRecorder } from './event-recorder';
import { Informer } from './informer';
import { setSelectorMatches } from './label-selector';
import { controllerOf, formatTime, objectKey, splitKey } from './object-meta';
import { refKey, type ActionTarget } from './perform-actions';
import { PodLifecycle } from './pod-lifecycle';
import type { PodRuntime } from './pod-runtime';
import { randomPodSuffix, reconcileReplicaSet } from './replicaset-reconcile';
import type { Deployment, Endpoints, Pod, ReplicaSet, Service } from './workload-types';

export { ReadyMarkingRuntime } from './pod-runtime';
export type {
  PodRuntime,
  PodStartContext,
  RuntimePodStatus,
  RuntimeContainerStatus,
} from './pod-runtime';

export interface WorkloadControllerOptions {
  /** The sandbox's one node, shown as pods' `spec.nodeName` and in Endpoints. */
  nodeName?: string;
  /** The node's IP, shown as pods' `status.hostIP`. */
  hostIP?: string;
  /** Every key is reconciled again this often (deadlines, lost events); 0 turns it off. */
  resyncMs?: number;
  /** Clock in ms, for tests. */
  now?: () => number;
  /** Random source for pod names, for tests. */
  random?: () => number;
  /** Called for errors the controllers retry (API failures, runtime failures). */
  onError?: (error: unknown, context: string) => void;
}

export interface WorkloadControllers {
  /** Stops watching and reconciling, waits for running reconciles, and stops the runtime's pods. */
  stop(): Promise<void>;
  /** Resolves when no key is queued or being reconciled (delayed retries not counted). */
  idle(): Promise<void>;
}

export const defaultNodeName = 'aviary-sandbox';
export const defaultHostIP = '172.18.0.2';

/**
 * Starts the workload controllers. They list and watch Deployments, ReplicaSets, Pods, Services
 * and Endpoints in every namespace; they write ReplicaSets, Pods, pod/ReplicaSet/Deployment
 * status, Deployment revision annotations, Endpoints and Events.
 */
export function startWorkloadControllers(
  client: ClusterClient,
  runtime: PodRuntime,
  options: WorkloadControllerOptions = {},
): WorkloadControllers {
  const onError =
    options.onError ??
    ((error, context) => console.error(`[sandbox controllers] ${context}:`, error));
  const clock = options.now ?? Date.now;
  const now = () => formatTime(clock());
  const nodeName = options.nodeName ?? defaultNodeName;
  const hostIP = options.hostIP ?? defaultHostIP;
  const resyncMs = options.resyncMs ?? 30_000;
  const random = options.random ?? Math.random;

  const informer = (ref: (typeof resources)[keyof typeof resources]) =>
    new Informer(client, ref, (error) => onError(error, `informer ${ref.resource}`));
  const deployments = informer(resources.deployments);
  const replicaSets = informer(resources.replicasets);
  const pods = informer(resources.pods);
  const services = informer(resources.services);
  const endpoints = informer(resources.endpoints);
  const informers = [deployments, replicaSets, pods, services, endpoints];

  const recorder = new EventRecorder(client, {
    now: clock,
    reportingInstance: nodeName,
    onError: (e) => onError(e, 'event'),
  });
  const target: ActionTarget = {
    client,
    recorder,
    informers: new Map(informers.map((i) => [refKey(i.ref), i])),
  };
  const keysOf = (source: Informer) => () => source.list().map(objectKey);

  const deploymentController = new Controller({
    name: 'deployment-controller',
    target,
    resyncMs,
    onError,
    keys: keysOf(deployments),
    reconcile: (key) => {
      const { namespace, name } = splitKey(key);
      const deployment = deployments.get(namespace, name) as Deployment | undefined;
      if (!deployment) return { actions: [] };
      return reconcileDeployment({
        deployment,
        replicaSets: replicaSets.list(namespace ?? '') as ReplicaSet[],
        now: now(),
      });
    },
  });

  const replicaSetController = new Controller({
    name: 'replicaset-controller',
    target,
    resyncMs,
    onError,
    keys: keysOf(replicaSets),
    reconcile: (key) => {
      const { namespace, name } = splitKey(key);
      const replicaSet = replicaSets.get(namespace, name) as ReplicaSet | undefined;
      if (!replicaSet) return { actions: [] };
      return reconcileReplicaSet({
        replicaSet,
        pods: pods.list(namespace ?? '') as Pod[],
        now: now(),
        randomSuffix: () => randomPodSuffix(random),
        nodeName,
      });
    },
  });

  const endpointsController = new Controller({
    name: 'endpoint-controller',
    target,
    resyncMs,
    onError,
    keys: keysOf(services),
    reconcile: (key) => {
      const { namespace = '', name } = splitKey(key);
      return reconcileEndpoints({
        namespace,
        name,
        service: services.get(namespace, name) as Service | undefined,
        endpoints: endpoints.get(namespace, name) as Endpoints | undefined,
        pods: pods.list(namespace) as Pod[],
      });
    },
  });

  const lifecycle = new PodLifecycle({
    runtime,
    pods,
    nodeName,
    hostIP,
    now,
    enqueue: (key) => podController.enqueue(key),
    onError,
  });
  const podController = new Controller({
    name: 'kubelet',
    target,
    resyncMs,
    onError,
    // Runtimes may start real servers: let a few pods start at once.
    concurrency: 4,
    keys: keysOf(pods),
    reconcile: (key) => lifecycle.reconcile(key),
  });

  const ownerKey = (object: KubeObject | undefined, kind: string): string | undefined => {
    const owner = object ? controllerOf(object) : undefined;
    return owner?.kind === kind ? `${object?.metadata.namespace}/${owner.name}` : undefined;
  };
  const enqueueOwners =
    (controller: Controller, kind: string) => (previous?: KubeObject, current?: KubeObject) => {
      const keys = new Set([ownerKey(previous, kind), ownerKey(current, kind)]);
      for (const key of keys) if (key) controller.enqueue(key);
    };

  deployments.onChange((previous, current) =>
    deploymentController.enqueue(objectKey((current ?? previous) as KubeObject)),
  );
  replicaSets.onChange(enqueueOwners(deploymentController, 'Deployment'));
  replicaSets.onChange((previous, current) =>
    replicaSetController.enqueue(objectKey((current ?? previous) as KubeObject)),
  );
  pods.onChange(enqueueOwners(replicaSetController, 'ReplicaSet'));
  pods.onChange((previous, current) =>
    podController.enqueue(objectKey((current ?? previous) as KubeObject)),
  );
  services.onChange((previous, current) =>
    endpointsController.enqueue(objectKey((current ?? previous) as KubeObject)),
  );
  // Someone else's edit of managed Endpoints is put right; Endpoints without a Service are not ours.
  endpoints.onChange((previous, current) => {
    const object = (current ?? previous) as KubeObject;
    if (services.get(object.metadata.namespace, object.metadata.name ?? ''))
      endpointsController.enqueue(objectKey(object));
  });
  pods.onChange((previous, current) => {
    const object = (current ?? previous) as KubeObject;
    const namespace = object.metadata.namespace ?? '';
    for (const service of services.list(namespace) as Service[]) {
      const selector = service.spec.selector;
      if (!selector) continue;
      const selects = (pod: KubeObject | undefined) =>
        pod !== undefined && setSelectorMatches(selector, pod.metadata.labels);
      if (selects(previous) || selects(current)) endpointsController.enqueue(objectKey(service));
    }
  });

  const controllers = [
    deploymentController,
    replicaSetController,
    podController,
    endpointsController,
  ];
  // Every cache is filled before any controller looks at it, so none acts on a partial view.
  for (const source of informers) source.start();
  for (const controller of controllers) controller.start();

  return {
    async stop() {
      for (const source of informers) source.stop();
      await Promise.all(controllers.map((controller) => controller.stop()));
      await lifecycle.stopAll();
    },
    async idle() {
      // A reconcile of one controller queues work for another: wait until all are quiet together.
      for (;;) {
        await Promise.all(controllers.map((controller) => controller.queue.idle()));
        await new Promise((resolve) => setImmediate(resolve));
        if (controllers.every((controller) => controller.queue.isIdle)) return;
      }
    },
  };
}
