import type { StatusCause } from '../types';
import { validateConfigMap, validateSecret, validateService } from './builtin-core';
import { validateDeployment, validatePod } from './builtin-workloads';

type Json = Record<string, unknown>;

const validators: Record<string, (object: Json) => StatusCause[]> = {
  '/Pod': validatePod,
  '/Service': validateService,
  '/ConfigMap': validateConfigMap,
  '/Secret': validateSecret,
  'apps/Deployment': validateDeployment,
  'apps/ReplicaSet': validateDeployment,
};

/**
 * The spec checks kube-apiserver makes for the built-in kinds the sandbox hosts (Deployment,
 * ReplicaSet, Pod, Service, ConfigMap, Secret), as 422 causes with Kubernetes' paths. Metadata is
 * validateObjectMeta's job. Other kinds have no spec checks here and return no causes.
 */
export function validateBuiltin(group: string, kind: string, object: unknown): StatusCause[] {
  const validator = validators[`${group}/${kind}`];
  if (!validator || typeof object !== 'object' || object === null) return [];
  return validator(object as Json);
}
