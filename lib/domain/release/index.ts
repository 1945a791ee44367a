/**
 * Aviary's release model: the ReleaseJob schema and CRD, the traffic plan, the Istio object
 * builders with ownership and exact restoration, progressive steps, gates and the phase machine.
 */
export * from './names';
export * from './release-job-schema';
export {
  releaseJobSpecSchema,
  releaseJobSchema,
  contentRuleProblems,
  toRequestCondition,
} from './release-job-rules';
export * from './release-job';
export { releaseJobCrd, releaseJobSpecOpenApiSchema, toStructuralSchema } from './release-job-crd';
export * from './traffic-plan';
export * from './steps';
export * from './analysis';
export * from './ownership';
export * from './same-content';
export * from './service-ports';
export * from './stable-availability';
export * from './match-merge';
export * from './content-rule-routes';
export * from './virtual-service-builder';
export * from './destination-rule-builder';
export * from './deployment-builder';
export * from './workload-labels';
export * from './workload-problem';
export * from './state-machine';
