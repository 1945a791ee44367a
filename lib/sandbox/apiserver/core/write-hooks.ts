import type { ResourceType } from '../registry/resource-type';
import type { KubeObject } from '../types';
import type { WriteContext } from './request-context';

/**
 * What happens around a write beyond storing it: the admission-like defaults of a few kinds
 * before, and the reactions after (CRDs become served resources, owners' dependents are
 * collected, namespaces terminate). Implemented by the API server; the service only calls it.
 */
export interface WriteHooks {
  /**
   * Admission: may refuse a write by throwing an ApiError (e.g. RBAC's escalation check on
   * Roles and RoleBindings). Called after validation, before storing, on dry runs too.
   */
  admit(
    type: ResourceType,
    next: KubeObject,
    current: KubeObject | undefined,
    ctx: WriteContext,
  ): void;
  allocateClusterIp(): string;
  /** May change `next` before validation and storage (e.g. CRD and namespace status). */
  beforeWrite(type: ResourceType, next: KubeObject, current: KubeObject | undefined): void;
  afterWrite(type: ResourceType, stored: KubeObject, previous: KubeObject | undefined): void;
  afterRemove(type: ResourceType, removed: KubeObject): void;
}
