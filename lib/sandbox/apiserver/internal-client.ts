import type {
  ClusterClient,
  DeleteOptions,
  ListOptions,
  PatchType,
  WatchOptions,
  WriteOptions,
} from './cluster-client';
import { deleteResource, type DependentsIndex } from './core/deletion';
import { sandboxUser, writeContext } from './core/request-context';
import type { ResourceService } from './core/resource-service';
import { ApiError, notFound } from './errors';
import { storageKey, type ResourceType } from './registry/resource-type';
import type { StoreEvent } from './store/stored-object';
import type { KubeObject, ResourceRef, WatchEvent } from './types';

/**
 * The ClusterClient of code inside the sandbox: the same service the HTTP handlers call, acting
 * as the sandbox itself, with watch events delivered asynchronously. Every object it returns is
 * a copy the caller may change.
 */
export class InternalClient implements ClusterClient {
  constructor(
    private readonly service: ResourceService,
    private readonly dependents: DependentsIndex,
  ) {}

  private type(ref: ResourceRef): ResourceType {
    const type = this.service.registry.lookup(ref.group, ref.version, ref.resource);
    if (!type) throw notFound(ref.group, ref.resource, '');
    return type;
  }

  private ctx(options: WriteOptions | undefined) {
    return writeContext(sandboxUser, {
      fieldManager: options?.fieldManager ?? 'aviary-sandbox',
      dryRun: options?.dryRun,
      fieldValidation: 'Strict',
    });
  }

  get(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined {
    try {
      return structuredClone(this.service.get(this.type(ref), ref.version, namespace ?? '', name));
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  list(ref: ResourceRef, options: ListOptions = {}) {
    const result = this.service.list(this.type(ref), ref.version, options.namespace ?? '', options);
    return { items: structuredClone(result.items), resourceVersion: result.resourceVersion };
  }

  create(ref: ResourceRef, object: KubeObject, options?: WriteOptions): KubeObject {
    const type = this.type(ref);
    const namespace = type.namespaced
      ? (object.metadata?.namespace ?? options?.namespace ?? '')
      : '';
    return structuredClone(
      this.service.create(type, ref.version, namespace, object, this.ctx(options)),
    );
  }

  update(
    ref: ResourceRef,
    object: KubeObject,
    options?: WriteOptions & { subresource?: 'status' },
  ): KubeObject {
    const type = this.type(ref);
    const namespace = type.namespaced
      ? (object.metadata?.namespace ?? options?.namespace ?? '')
      : '';
    return structuredClone(
      this.service.update(
        type,
        ref.version,
        namespace,
        object.metadata.name!,
        object,
        this.ctx(options),
        options?.subresource,
      ),
    );
  }

  patch(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType,
    options?: WriteOptions & { subresource?: 'status'; force?: boolean },
  ): KubeObject {
    const body = typeof patch === 'string' ? patch : JSON.stringify(patch);
    const { object } = this.service.patch(
      this.type(ref),
      ref.version,
      namespace ?? '',
      name,
      type,
      body,
      this.ctx(options),
      {
        subresource: options?.subresource,
        force: options?.force ?? type === 'apply',
      },
    );
    return structuredClone(object);
  }

  delete(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): KubeObject | undefined {
    try {
      return structuredClone(
        deleteResource(
          this.service,
          this.dependents,
          this.type(ref),
          ref.version,
          namespace ?? '',
          name,
          options,
        ).object,
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  watch(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent) => void): () => void {
    const type = this.type(ref);
    const namespace = type.namespaced ? (options.namespace ?? '') : '';
    const matches = this.service.selectors.compile(
      type,
      options.labelSelector,
      options.fieldSelector,
    );
    // Callers get copies: stored objects are shared (serialization caches, other watchers).
    const present = (o: KubeObject) => structuredClone(this.service.present(type, ref.version, o));
    let stopped = false;
    let started = false;
    const early: StoreEvent[] = [];
    const emit = (events: StoreEvent[]) => {
      for (const e of events)
        if (!stopped && matches(e.object)) onEvent({ type: e.type, object: present(e.object) });
    };
    // Live events that arrive before the initial state has been delivered wait behind it.
    const deliver = (events: StoreEvent[]) => (started ? emit(events) : early.push(...events));
    const subscription = { storageKey: storageKey(type), namespace, deliver };
    const fromRv = options.resourceVersion
      ? Number(options.resourceVersion)
      : this.service.store.currentRv();
    const initial = options.resourceVersion
      ? []
      : this.service.store.list(storageKey(type), namespace);
    const replay = this.service.store.watches.subscribe(subscription, fromRv);
    // Initial ADDED events and the replay arrive asynchronously too, like every other event.
    setImmediate(() => {
      for (const s of initial)
        if (!stopped && matches(s.object)) onEvent({ type: 'ADDED', object: present(s.object) });
      emit(replay);
      emit(early);
      started = true;
    });
    return () => {
      stopped = true;
      this.service.store.watches.unsubscribe(subscription);
    };
  }
}
