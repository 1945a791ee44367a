/**
 * Carries out a reconcile's actions through the ClusterClient, in order, as a controller would:
 * 409 Conflict (or AlreadyExists) stops the batch and asks for a requeue, 404 on delete counts as
 * done, and every success is written through to the informer cache and followed by its Events.
 */
import type { ClusterClient } from '../apiserver/cluster-client';
import { ApiError } from '../apiserver/errors';
import type { KubeObject, ResourceRef } from '../apiserver/types';
import type { Action } from './actions';
import type { EventRecorder } from './event-recorder';
import type { Informer } from './informer';

export interface ActionTarget {
  client: ClusterClient;
  recorder: EventRecorder;
  /** Informers by {@link refKey}, for write-through. */
  informers: Map<string, Informer>;
}

export function refKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.resource}`;
}

function isCode(error: unknown, code: number): boolean {
  return error instanceof ApiError && error.code === code;
}

/**
 * Performs `actions` in order. Returns 'conflict' when a write lost a race (the caller requeues
 * and reconciles again from fresh state), 'done' otherwise; other API errors are thrown.
 */
export function performActions(target: ActionTarget, actions: Action[]): 'done' | 'conflict' {
  // A second write to the same object in one batch (metadata, then status) must carry the
  // resourceVersion the first one produced, or it would conflict with ourselves.
  const written = new Map<string, string | undefined>();
  const identity = (ref: ResourceRef, object: KubeObject) =>
    `${refKey(ref)}/${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;

  for (const action of actions) {
    const informer =
      action.verb === 'record' ? undefined : target.informers.get(refKey(action.ref));
    try {
      switch (action.verb) {
        case 'create': {
          const created = target.client.create(action.ref, action.object);
          informer?.noteWritten(created);
          break;
        }
        case 'update': {
          const id = identity(action.ref, action.object);
          let object = action.object;
          if (written.has(id)) {
            object = {
              ...object,
              metadata: { ...object.metadata, resourceVersion: written.get(id) },
            };
          }
          const updated = target.client.update(
            action.ref,
            object,
            action.subresource ? { subresource: action.subresource } : undefined,
          );
          written.set(id, updated.metadata.resourceVersion);
          informer?.noteWritten(updated);
          break;
        }
        case 'delete': {
          const options = {
            ...(action.uid ? { preconditions: { uid: action.uid } } : {}),
            ...(action.gracePeriodSeconds !== undefined
              ? { gracePeriodSeconds: action.gracePeriodSeconds }
              : {}),
          };
          const result = target.client.delete(action.ref, action.namespace, action.name, options);
          const gone = result ?? {
            apiVersion: '',
            kind: '',
            metadata: { name: action.name, namespace: action.namespace },
          };
          // With finalizers the object stays, marked for deletion: that is a write, not a removal.
          if (result?.metadata.deletionTimestamp && (result.metadata.finalizers ?? []).length > 0) {
            informer?.noteWritten(result);
          } else {
            informer?.noteDeleted(gone);
          }
          break;
        }
        case 'record':
          break;
      }
    } catch (error) {
      if (action.verb === 'delete' && isCode(error, 404)) continue;
      if (action.verb === 'update' && isCode(error, 404)) return 'conflict';
      if (isCode(error, 409)) return 'conflict';
      throw error;
    }
    for (const event of action.events ?? []) target.recorder.record(event);
  }
  return 'done';
}
