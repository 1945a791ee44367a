import type { PatchType } from '../cluster-client';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  qualifiedResource,
} from '../errors';
import { isVirtualResource } from '../registry/builtin-resources';
import type { ResourceRegistry } from '../registry/resource-registry';
import {
  groupVersion,
  hasStatusSubresource,
  storageKey,
  type ResourceType,
} from '../registry/resource-type';
import { encodeCustomResource } from '../store/map-encoding';
import type { ObjectStore } from '../store/object-store';
import { cloneObject, type StoredObject } from '../store/stored-object';
import type { KubeObject, StatusCause } from '../types';
import { fieldForbidden } from '../validation/field-errors';
import { goStringSlice, literalText } from '../validation/go-format';
import { applyBuiltinDefaults, carryAllocatedValues } from './builtin-defaults';
import {
  bodyDecodeFailure,
  jsonPatchDecodeFailure,
  strategicPatchDecodeFailure,
  type DecodeFailure,
} from './decode-failure';
import type { ObjectValidator, Patcher, SelectorFactory } from './ports';
import type { WriteContext } from './request-context';
import {
  carryServerMetadata,
  generateNameSuffix,
  isNoOpWrite,
  stampNewObject,
} from './server-metadata';
import type { WriteHooks } from './write-hooks';

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
}

/**
 * The verbs of the Kubernetes API over the store, shared by the HTTP handlers and the in-process
 * client: one place where metadata, validation, concurrency and admission rules live.
 */
export class ResourceService {
  constructor(
    readonly store: ObjectStore,
    readonly registry: ResourceRegistry,
    private readonly validator: ObjectValidator,
    private readonly patcher: Patcher,
    readonly selectors: SelectorFactory,
    private readonly hooks: WriteHooks,
    private readonly random: () => number = Math.random,
  ) {}

  /** The object as a client of `version` sees it (custom resources convert by apiVersion only). */
  present(type: ResourceType, version: string, object: KubeObject): KubeObject {
    const apiVersion = groupVersion(type.group, version);
    return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
  }

  getStored(type: ResourceType, namespace: string, name: string): StoredObject {
    const stored = this.store.get(storageKey(type), type.namespaced ? namespace : '', name);
    if (!stored) throw notFound(type.group, type.plural, name);
    return stored;
  }

  get(type: ResourceType, version: string, namespace: string, name: string): KubeObject {
    return this.present(type, version, this.getStored(type, namespace, name).object);
  }

  list(type: ResourceType, version: string, namespace: string, query: ListQuery = {}): ListResult {
    const matches = this.selectors.compile(type, query.labelSelector, query.fieldSelector);
    const resourceVersion = String(this.store.currentRv());
    let all = this.store.list(storageKey(type), type.namespaced ? namespace : '');
    if (query.continueToken) {
      const after = decodeContinue(query.continueToken);
      all = all.filter((s) => `${s.namespace}/${s.name}` > after.key);
    }
    const items: KubeObject[] = [];
    let lastKey = '';
    let remaining = 0;
    for (const stored of all) {
      if (!matches(stored.object)) continue;
      if (query.limit !== undefined && query.limit > 0 && items.length >= query.limit) {
        remaining += 1;
        continue;
      }
      items.push(this.present(type, version, stored.object));
      lastKey = `${stored.namespace}/${stored.name}`;
    }
    if (remaining === 0) return { items, resourceVersion };
    return {
      items,
      resourceVersion,
      continueToken: encodeContinue(lastKey, resourceVersion),
      remainingItemCount: remaining,
    };
  }

  create(
    type: ResourceType,
    version: string,
    namespace: string,
    body: KubeObject,
    ctx: WriteContext,
  ): KubeObject {
    this.checkBodyIdentity(type, version, namespace, body);
    const object = cloneObject(body);
    object.metadata ??= {};
    if (type.namespaced) object.metadata.namespace = namespace;
    else delete object.metadata.namespace;
    if (!object.metadata.name && object.metadata.generateName) {
      object.metadata.name = `${object.metadata.generateName}${generateNameSuffix(this.random)}`;
    }
    const name = object.metadata.name ?? '';
    if (type.namespaced) this.requireWritableNamespace(type, namespace, name);
    if (name && this.store.get(storageKey(type), type.namespaced ? namespace : '', name)) {
      throw alreadyExists(type.group, type.plural, name);
    }
    stampNewObject(object, new Date());
    // A status subresource means status is written only through /status, never on create.
    if (hasStatusSubresource(type, version)) {
      if (type.custom) delete object.status;
      else object.status = initialStatus(type);
    }
    if (!type.custom)
      applyBuiltinDefaults(type.group, type.kind, object, () => this.hooks.allocateClusterIp());
    this.hooks.beforeWrite(type, object, undefined);
    const recorded = this.patcher.recordUpdate(
      undefined,
      object,
      ctx.fieldManager,
      object.apiVersion,
      new Date(),
    );
    return this.persist(type, version, recorded, undefined, ctx);
  }

  /** PUT. With `subresource: 'status'` only the status changes; otherwise the status is kept. */
  update(
    type: ResourceType,
    version: string,
    namespace: string,
    name: string,
    body: KubeObject,
    ctx: WriteContext,
    subresource?: 'status',
  ): KubeObject {
    this.checkBodyIdentity(type, version, namespace, body);
    if (body.metadata?.name && body.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const current = this.getStored(type, namespace, name).object;
    const sentRv = body.metadata?.resourceVersion;
    if (sentRv) {
      if (sentRv !== current.metadata.resourceVersion)
        throw conflict(type.group, type.plural, name);
    } else if (type.custom) {
      throw invalid(type.group, type.kind, name, [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: 0x0: must be specified for an update',
          field: 'metadata.resourceVersion',
        },
      ]);
    }
    const next = this.mergeForWrite(type, version, current, cloneObject(body), subresource);
    const recorded = this.patcher.recordUpdate(
      current,
      next,
      ctx.fieldManager,
      next.apiVersion,
      new Date(),
      subresource,
    );
    return this.persist(type, version, recorded, current, ctx);
  }

  /** PATCH of any type; server-side apply creates the object when it does not exist. */
  patch(
    type: ResourceType,
    version: string,
    namespace: string,
    name: string,
    patchType: PatchType,
    body: string,
    ctx: WriteContext,
    options: { subresource?: 'status'; force?: boolean } = {},
  ): { object: KubeObject; created: boolean } {
    const stored = this.store.get(storageKey(type), type.namespaced ? namespace : '', name);
    if (!stored && patchType !== 'apply') throw notFound(type.group, type.plural, name);
    const live = stored ? this.present(type, version, stored.object) : undefined;
    const patched = this.patcher.patch({
      type,
      version,
      patchType,
      live,
      body,
      fieldManager: ctx.fieldManager,
      force: options.force ?? false,
      now: new Date(),
    });
    if (!live) {
      patched.metadata = { ...patched.metadata, name, ...(type.namespaced ? { namespace } : {}) };
      return { object: this.createPatched(type, version, namespace, patched, ctx), created: true };
    }
    const sentRv = patched.metadata?.resourceVersion;
    if (sentRv && sentRv !== live.metadata.resourceVersion)
      throw conflict(type.group, type.plural, name);
    if (patched.metadata?.name !== undefined && patched.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${String(patched.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    // The patcher has already recorded the managedFields entry of this write.
    const next = this.mergeForWrite(type, version, live, patched, options.subresource);
    const failure =
      patchType === 'strategic'
        ? strategicPatchDecodeFailure(() =>
            typeof body === 'string' ? (JSON.parse(body) as unknown) : body,
          )
        : patchType === 'apply'
          ? bodyDecodeFailure(type, version)
          : jsonPatchDecodeFailure();
    return { object: this.persist(type, version, next, live, ctx, failure), created: false };
  }

  /** Applies a PATCH body to a document that is not stored as such (the Scale view of an object). */
  patchDocument(
    type: ResourceType,
    version: string,
    patchType: PatchType,
    document: KubeObject,
    body: string,
    ctx: WriteContext,
    force: boolean,
  ): KubeObject {
    return this.patcher.patch({
      type,
      version,
      patchType,
      live: document,
      body,
      fieldManager: ctx.fieldManager,
      force,
      now: new Date(),
    });
  }

  /** Stores `next` after validation, or only validates it on a dry run. */
  persist(
    type: ResourceType,
    version: string,
    next: KubeObject,
    current: KubeObject | undefined,
    ctx: WriteContext,
    failure: DecodeFailure = bodyDecodeFailure(type, version),
  ): KubeObject {
    const strict = ctx.fieldValidation === 'Strict';
    const { causes, unknownFields, decodeError } = this.validator.validate(
      type,
      version,
      next,
      strict ? failure.capture : undefined,
    );
    if (decodeError) throw failure.error([], decodeError);
    if (unknownFields.length > 0 && ctx.fieldValidation !== 'Ignore') {
      if (strict) throw failure.error(unknownFields, undefined);
      for (const field of unknownFields) ctx.warnings.push(`unknown field "${field}"`);
    }
    if (current) causes.push(...this.validator.validateUpdate(type, version, next, current));
    if (current?.metadata.deletionTimestamp) causes.push(...newFinalizerCauses(current, next));
    if (causes.length > 0) throw invalid(type.group, type.kind, next.metadata.name ?? '', causes);
    this.hooks.admit(type, next, current, ctx);
    // A dry run answers with the object as the write would have stored it.
    if (ctx.dryRun)
      return this.present(type, version, type.custom ? encodeCustomResource(next) : next);
    if (current && isNoOpWrite(current, next)) return this.present(type, version, current);
    // A terminating object whose last finalizer is gone is removed instead of updated.
    if (current && isFinalized(type, next)) {
      const [removed] = this.store.commit([
        {
          type: 'delete',
          storageKey: storageKey(type),
          namespace: next.metadata.namespace ?? '',
          name: next.metadata.name!,
        },
      ]);
      this.hooks.afterRemove(type, removed!.object);
      return this.present(type, version, removed!.object);
    }
    const [stored] = this.store.commit([
      { type: 'put', storageKey: storageKey(type), object: next },
    ]);
    this.hooks.afterWrite(type, stored!.object, current);
    return this.present(type, version, stored!.object);
  }

  /**
   * Stores a change the cluster itself makes (garbage collector, namespace controller): no
   * validation and no managedFields entry, but the same removal rule for finalized objects.
   */
  persistInternal(type: ResourceType, next: KubeObject, current: KubeObject): KubeObject {
    const version = type.versions[0]!.name;
    if (isFinalized(type, next)) {
      const [removed] = this.store.commit([
        {
          type: 'delete',
          storageKey: storageKey(type),
          namespace: next.metadata.namespace ?? '',
          name: next.metadata.name!,
        },
      ]);
      if (removed) this.hooks.afterRemove(type, removed.object);
      return this.present(type, version, removed?.object ?? next);
    }
    const [stored] = this.store.commit([
      { type: 'put', storageKey: storageKey(type), object: next },
    ]);
    this.hooks.afterWrite(type, stored!.object, current);
    return this.present(type, version, stored!.object);
  }

  /** Lets the cluster react to a removal made outside `persist` (deletes, namespace cleanup). */
  notifyRemoved(type: ResourceType, removed: KubeObject): void {
    this.hooks.afterRemove(type, removed);
  }

  private createPatched(
    type: ResourceType,
    version: string,
    namespace: string,
    object: KubeObject,
    ctx: WriteContext,
  ): KubeObject {
    if (type.namespaced) this.requireWritableNamespace(type, namespace, object.metadata.name ?? '');
    const managedFields = object.metadata.managedFields;
    stampNewObject(object, new Date());
    if (hasStatusSubresource(type, version))
      object.status = type.custom ? undefined : initialStatus(type);
    if (object.status === undefined) delete object.status;
    if (!type.custom)
      applyBuiltinDefaults(type.group, type.kind, object, () => this.hooks.allocateClusterIp());
    object.metadata.managedFields = managedFields;
    this.hooks.beforeWrite(type, object, undefined);
    return this.persist(type, version, object, undefined, ctx);
  }

  /** The object to store for a PUT or PATCH of `current`: server metadata kept, status rules applied. */
  private mergeForWrite(
    type: ResourceType,
    version: string,
    current: KubeObject,
    incoming: KubeObject,
    subresource: 'status' | undefined,
  ): KubeObject {
    const statusIsSubresource = hasStatusSubresource(type, version);
    let next: KubeObject;
    if (subresource === 'status') {
      // Only status changes through /status; everything else stays as stored.
      next = cloneObject(current);
      next.status = incoming.status;
      if (next.status === undefined) delete next.status;
      next.metadata.managedFields =
        incoming.metadata?.managedFields ?? current.metadata.managedFields;
    } else {
      next = incoming;
      next.metadata ??= {};
      next.apiVersion = groupVersion(type.group, version);
      next.kind = type.kind;
      if (statusIsSubresource) {
        if (current.status === undefined) delete next.status;
        else next.status = current.status;
      }
    }
    carryServerMetadata(next, current, statusIsSubresource);
    if (!type.custom) {
      carryAllocatedValues(type.group, type.kind, next, current);
      applyBuiltinDefaults(type.group, type.kind, next, () => this.hooks.allocateClusterIp());
    }
    this.hooks.beforeWrite(type, next, current);
    return next;
  }

  private checkBodyIdentity(
    type: ResourceType,
    version: string,
    namespace: string,
    body: KubeObject,
  ): void {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw badRequest('the request body must be a JSON object');
    }
    if (isVirtualResource(type)) return;
    const expected = groupVersion(type.group, version);
    if (
      body.apiVersion !== undefined &&
      body.apiVersion !== expected &&
      !(type.custom && body.apiVersion?.startsWith(`${type.group}/`))
    ) {
      throw badRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`,
      );
    }
    if (body.kind !== undefined && body.kind !== type.kind) {
      throw badRequest(
        `the kind in the data (${String(body.kind)}) does not match the expected kind (${type.kind})`,
      );
    }
    body.apiVersion = expected;
    body.kind = type.kind;
    const bodyNamespace = body.metadata?.namespace;
    if (type.namespaced && bodyNamespace && bodyNamespace !== namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
  }

  /**
   * Creating in a namespace needs the namespace to exist and not be terminating, as
   * NamespaceLifecycle admission has it (403 naming the object, with a NamespaceTerminating cause).
   */
  requireWritableNamespace(type: ResourceType, namespace: string, name: string): void {
    const ns = this.store.get('/namespaces', '', namespace);
    if (!ns) throw notFound('', 'namespaces', namespace);
    if (ns.object.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `${qualifiedResource(type.group, type.plural)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        {
          name,
          group: type.group,
          kind: type.plural,
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${namespace} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      );
    }
  }
}

function encodeContinue(key: string, rv: string): string {
  return Buffer.from(JSON.stringify({ key, rv })).toString('base64url');
}

function decodeContinue(token: string): { key: string; rv: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      key?: unknown;
      rv?: unknown;
    };
    if (typeof parsed.key === 'string' && typeof parsed.rv === 'string')
      return { key: parsed.key, rv: parsed.rv };
  } catch {
    // fall through to the error below
  }
  throw badRequest('invalid continue token');
}

/**
 * A terminating object with no finalizer left, which goes instead of being stored. A namespace
 * also waits for its spec.finalizers ("kubernetes": the namespace controller removes it once the
 * namespace's contents are gone).
 */
function isFinalized(type: ResourceType, object: KubeObject): boolean {
  if (!object.metadata.deletionTimestamp || (object.metadata.finalizers ?? []).length > 0)
    return false;
  if (type.group !== '' || type.plural !== 'namespaces') return true;
  const specFinalizers = (object.spec as { finalizers?: unknown[] } | undefined)?.finalizers;
  return (specFinalizers ?? []).length === 0;
}

/** ValidateNoNewFinalizers: an object being deleted may lose finalizers, never gain one. */
function newFinalizerCauses(current: KubeObject, next: KubeObject): StatusCause[] {
  const old = new Set(current.metadata.finalizers ?? []);
  const extra = [...new Set(next.metadata.finalizers ?? [])].filter((f) => !old.has(f)).sort();
  if (extra.length === 0) return [];
  return [
    fieldForbidden(
      'metadata.finalizers',
      `no new finalizers can be added if the object is being deleted, found new finalizers ${literalText(goStringSlice(extra))}`,
    ),
  ];
}

/** The status kube-apiserver gives a new built-in object: pods start Pending, the rest empty. */
function initialStatus(type: ResourceType): Record<string, unknown> {
  return type.group === '' && type.plural === 'pods'
    ? { phase: 'Pending', qosClass: 'BestEffort' }
    : {};
}
