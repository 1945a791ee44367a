/**
 * What a pure reconcile function asks the controller loop to do. Reconcilers never call the API:
 * they return these, and the loop performs them in order through the ClusterClient.
 */
import type { KubeObject, ResourceRef } from '../apiserver/types';

/** An Event to record once the action it belongs to has succeeded. */
export interface EventIntent {
  /** The object the event is about (kind, name, namespace, uid, apiVersion, resourceVersion). */
  involvedObject: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** The reporting component, e.g. "deployment-controller", "kubelet". */
  component: string;
  /** The node a kubelet event comes from. */
  host?: string;
  /** A part of the object, e.g. `spec.containers{web}` for container events. */
  fieldPath?: string;
}

export type Action =
  | { verb: 'create'; ref: ResourceRef; object: KubeObject; events?: EventIntent[] }
  | {
      verb: 'update';
      ref: ResourceRef;
      object: KubeObject;
      subresource?: 'status';
      events?: EventIntent[];
    }
  | {
      verb: 'delete';
      ref: ResourceRef;
      namespace: string | undefined;
      name: string;
      /** Guards against deleting a newer object of the same name. */
      uid?: string;
      gracePeriodSeconds?: number;
      events?: EventIntent[];
    }
  /** Records events not tied to a write (e.g. a warning about a spec the controller refuses). */
  | { verb: 'record'; events: EventIntent[] };

export interface ReconcileResult {
  actions: Action[];
  /** Look at the key again after this long even if nothing changes (readiness timers, deadlines). */
  requeueAfterMs?: number;
}

export const noActions: ReconcileResult = Object.freeze({ actions: [] }) as ReconcileResult;
