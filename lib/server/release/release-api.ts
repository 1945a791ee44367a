import 'server-only';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type V1Deployment,
  type V1Pod,
  type V1Service,
} from '@kubernetes/client-node';
import type { DestinationRule, VirtualService } from '@/lib/domain/istio/types';
import {
  releaseGroup,
  releasePlural,
  releaseVersion,
  workloadSelectors,
  type ReleaseJob,
} from '@/lib/domain/release';
import { apiRefusal } from '../kube/api-error';
import type { Informer } from '../kube/informer';

/**
 * The Kubernetes calls the controller makes, typed and in one place: release jobs, the Istio
 * objects (in the networking.istio.io version the cluster serves), Deployments, Services, Events.
 */

export function isStatus(error: unknown, code: number): boolean {
  return error instanceof ApiException && error.code === code;
}

/**
 * Reads, or undefined when the named object does not exist. A 404 that names no object (the API
 * server does not serve the kind at all: "404 page not found") is an error, not a missing object.
 */
export async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    const refusal = apiRefusal(error);
    if (refusal?.code === 404 && refusal.details?.name) return undefined;
    throw error;
  }
}

/**
 * What the controller keeps of the cluster between reconciles: with them the Istio objects are
 * read from memory instead of listed on every reconcile. Every write's answer goes into them at
 * once, so the watch event the write causes finds nothing new (and queues no reconcile).
 */
export interface ReleaseApiCaches {
  jobs: Pick<Informer<{ metadata: object }>, 'noteWritten'>;
  virtualServices: Informer<VirtualService>;
  destinationRules: Informer<DestinationRule>;
}

export class ReleaseApi {
  readonly custom: CustomObjectsApi;
  readonly apps: AppsV1Api;
  readonly core: CoreV1Api;

  constructor(
    readonly kubeConfig: KubeConfig,
    readonly istioVersion: string,
    private readonly caches?: ReleaseApiCaches,
  ) {
    this.custom = kubeConfig.makeApiClient(CustomObjectsApi);
    this.apps = kubeConfig.makeApiClient(AppsV1Api);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  private job = (namespace: string) => ({
    group: releaseGroup,
    version: releaseVersion,
    namespace,
    plural: releasePlural,
  });
  private istio = (namespace: string, plural: string) => ({
    group: 'networking.istio.io',
    version: this.istioVersion,
    namespace,
    plural,
  });

  getJob(namespace: string, name: string): Promise<ReleaseJob | undefined> {
    return orMissing(
      this.custom.getNamespacedCustomObject({
        ...this.job(namespace),
        name,
      }) as Promise<ReleaseJob>,
    );
  }

  async listJobs(namespace?: string): Promise<{ items: ReleaseJob[]; resourceVersion?: string }> {
    const list = (
      namespace
        ? await this.custom.listNamespacedCustomObject(this.job(namespace))
        : await this.custom.listClusterCustomObject({
            group: releaseGroup,
            version: releaseVersion,
            plural: releasePlural,
          })
    ) as { items: ReleaseJob[]; metadata?: { resourceVersion?: string } };
    return { items: list.items, resourceVersion: list.metadata?.resourceVersion };
  }

  async replaceJob(job: ReleaseJob): Promise<ReleaseJob> {
    const stored = (await this.custom.replaceNamespacedCustomObject({
      ...this.job(job.metadata.namespace),
      name: job.metadata.name,
      body: job,
    })) as ReleaseJob;
    this.caches?.jobs.noteWritten(stored);
    return stored;
  }

  async replaceJobStatus(job: ReleaseJob): Promise<ReleaseJob> {
    const stored = (await this.custom.replaceNamespacedCustomObjectStatus({
      ...this.job(job.metadata.namespace),
      name: job.metadata.name,
      body: job,
    })) as ReleaseJob;
    this.caches?.jobs.noteWritten(stored);
    return stored;
  }

  /** With caches, the cached objects themselves: frozen, never to be changed in place. */
  async listVirtualServices(namespace: string): Promise<VirtualService[]> {
    if (this.caches) return this.caches.virtualServices.cache.list(namespace);
    return (
      (await this.custom.listNamespacedCustomObject(this.istio(namespace, 'virtualservices'))) as {
        items: VirtualService[];
      }
    ).items;
  }

  async listDestinationRules(namespace: string): Promise<DestinationRule[]> {
    if (this.caches) return this.caches.destinationRules.cache.list(namespace);
    return (
      (await this.custom.listNamespacedCustomObject(this.istio(namespace, 'destinationrules'))) as {
        items: DestinationRule[];
      }
    ).items;
  }

  /** Creates or replaces (with its resourceVersion: a concurrent change is a 409, never lost). */
  async writeIstio<T extends VirtualService | DestinationRule>(
    object: T,
    exists: boolean,
  ): Promise<T> {
    const plural = object.kind === 'VirtualService' ? 'virtualservices' : 'destinationrules';
    const body = { ...object, apiVersion: `networking.istio.io/${this.istioVersion}` };
    const where = this.istio(object.metadata.namespace!, plural);
    const stored = (await (exists
      ? this.custom.replaceNamespacedCustomObject({ ...where, name: object.metadata.name, body })
      : this.custom.createNamespacedCustomObject({ ...where, body }))) as T;
    this.informerOf(plural)?.noteWritten(stored as never);
    return stored;
  }

  private informerOf(plural: string): Informer<VirtualService | DestinationRule> | undefined {
    if (!this.caches) return undefined;
    return (
      plural === 'virtualservices' ? this.caches.virtualServices : this.caches.destinationRules
    ) as Informer<VirtualService | DestinationRule>;
  }

  async deleteIstio(
    kind: 'VirtualService' | 'DestinationRule',
    namespace: string,
    name: string,
  ): Promise<void> {
    const plural = kind === 'VirtualService' ? 'virtualservices' : 'destinationrules';
    await orMissing(
      this.custom.deleteNamespacedCustomObject({ ...this.istio(namespace, plural), name }),
    );
    this.informerOf(plural)?.noteDeleted({ metadata: { namespace, name } });
  }

  getService(namespace: string, name: string): Promise<V1Service | undefined> {
    return orMissing(this.core.readNamespacedService({ namespace, name }));
  }

  getDeployment(namespace: string, name: string): Promise<V1Deployment | undefined> {
    return orMissing(this.apps.readNamespacedDeployment({ namespace, name }));
  }

  /** The pods a Deployment selects (only asked while its new version is not ready). */
  async listPods(namespace: string, matchLabels: Record<string, string>): Promise<V1Pod[]> {
    const labelSelector = Object.entries(matchLabels)
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    return (await this.core.listNamespacedPod({ namespace, labelSelector })).items;
  }

  async findDeployment(
    namespace: string,
    app: string,
    version: string,
  ): Promise<V1Deployment | undefined> {
    for (const labelSelector of workloadSelectors(app, version)) {
      const list = await this.apps.listNamespacedDeployment({ namespace, labelSelector });
      if (list.items[0]) return list.items[0];
    }
    return this.getDeployment(namespace, `${app}-${version}`);
  }

  /** Records a Kubernetes Event about the job, best effort: an Event lost must not stop a release. */
  async event(
    job: ReleaseJob,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component = 'aviary-release-controller',
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.core
      .createNamespacedEvent({
        namespace: job.metadata.namespace,
        body: {
          // Named as client-go's recorder names them, `<object>.<hex time>`: a generateName of
          // `<object>.` is refused (a DNS subdomain cannot end with a dot), and the catch below hid it.
          metadata: { name: eventName(job.metadata.name), namespace: job.metadata.namespace },
          involvedObject: {
            apiVersion: job.apiVersion,
            kind: job.kind,
            name: job.metadata.name,
            namespace: job.metadata.namespace,
            uid: job.metadata.uid,
          },
          reason,
          message,
          type,
          source: { component },
          firstTimestamp: now as unknown as Date,
          lastTimestamp: now as unknown as Date,
          count: 1,
        },
      })
      .catch(() => undefined);
  }
}

let eventSequence = 0n;

/** `<name>.<hex>` from the time in nanoseconds plus a counter, unique within this process. */
function eventName(name: string): string {
  eventSequence = (eventSequence + 1n) % 1_000_000n;
  return `${name}.${(BigInt(Date.now()) * 1_000_000n + eventSequence).toString(16)}`;
}

/** An ownerReference to the job (only on objects Aviary creates and removes with it). */
export function ownerReferenceTo(job: ReleaseJob) {
  return {
    apiVersion: job.apiVersion,
    kind: job.kind,
    name: job.metadata.name,
    uid: job.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}
