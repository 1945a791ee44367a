import { conflict, forbidden } from '../errors';
import { storageKey, type ResourceType } from '../registry/resource-type';
import { cloneObject } from '../store/stored-object';
import type { KubeObject } from '../types';
import type { DeleteOptions } from '../cluster-client';
import type { ResourceService } from './resource-service';
import { kubeTimestamp } from './server-metadata';

export type DeleteRequest = DeleteOptions;

/** The namespaces kube-apiserver's NamespaceLifecycle admission never lets go. */
export const immortalNamespaces: readonly string[] = ['default', 'kube-system', 'kube-public'];

export interface DeleteOutcome {
  object: KubeObject;
  /** False when the object stays, terminating, until its finalizers are removed. */
  removed: boolean;
}

/** Dependents bookkeeping the delete verb asks about; implemented by the garbage collector. */
export interface DependentsIndex {
  hasDependents(uid: string): boolean;
  /** Called after an owner got deletionTimestamp with the orphan / foregroundDeletion finalizers. */
  ownerTerminating(type: ResourceType, owner: KubeObject): void;
  /** Called after a namespace got deletionTimestamp: its contents go, then the namespace. */
  namespaceTerminating(name: string): void;
}

/**
 * DELETE as kube-apiserver does it: preconditions, finalizers delay removal (the object gets a
 * deletionTimestamp and stays), propagation Background (dependents collected afterwards),
 * Foreground (dependents first) or Orphan (dependents lose their ownerReference), and namespaces
 * that terminate their contents before they go.
 */
export function deleteResource(
  service: ResourceService,
  dependents: DependentsIndex,
  type: ResourceType,
  version: string,
  namespace: string,
  name: string,
  request: DeleteRequest,
): DeleteOutcome {
  const isNamespace = type.group === '' && type.plural === 'namespaces';
  // Admission runs before the object is read, and for dry runs too.
  if (isNamespace && immortalNamespaces.includes(name)) {
    throw forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`, {
      name,
      kind: 'namespaces',
    });
  }
  const current = service.getStored(type, namespace, name).object;
  const pre = request.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw conflict(
      type.group,
      type.plural,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(
      type.group,
      type.plural,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
    );
  }
  if (request.dryRun) return { object: service.present(type, version, current), removed: true };

  const finalizers = [...(current.metadata.finalizers ?? [])];
  const policy = request.propagationPolicy ?? 'Background';
  const uid = current.metadata.uid ?? '';
  if (!isNamespace && dependents.hasDependents(uid)) {
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
      finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
  }

  if (isNamespace || finalizers.length > 0) {
    const alreadyTerminating = current.metadata.deletionTimestamp !== undefined;
    const unchanged =
      alreadyTerminating && finalizers.length === (current.metadata.finalizers ?? []).length;
    if (unchanged && !isNamespace)
      return { object: service.present(type, version, current), removed: false };
    const next = cloneObject(current);
    if (!alreadyTerminating) {
      next.metadata.deletionTimestamp = kubeTimestamp();
      if (!isNamespace) {
        // markAsDeleting: the first deletionTimestamp is a change of the object's desired state.
        if ((next.metadata.generation ?? 0) > 0) next.metadata.generation! += 1;
        next.metadata.deletionGracePeriodSeconds = 0;
      }
    }
    if (finalizers.length > 0) next.metadata.finalizers = finalizers;
    if (isNamespace) next.status = { ...(next.status as object), phase: 'Terminating' };
    const [stored] = service.store.commit([
      { type: 'put', storageKey: storageKey(type), object: next },
    ]);
    if (isNamespace) dependents.namespaceTerminating(name);
    else dependents.ownerTerminating(type, stored!.object);
    return { object: service.present(type, version, stored!.object), removed: false };
  }

  const [removed] = service.store.commit([
    {
      type: 'delete',
      storageKey: storageKey(type),
      namespace: type.namespaced ? namespace : '',
      name,
    },
  ]);
  service.notifyRemoved(type, removed!.object);
  return { object: service.present(type, version, removed!.object), removed: true };
}
