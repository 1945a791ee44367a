import { z } from 'zod';
import { versionPattern } from './names';

/**
 * The ReleaseJob spec, defined once. The CRD's structural schema is generated from these shapes
 * (see release-job-crd.ts), and `releaseJobSpecSchema` adds, through refinements, what an OpenAPI
 * schema cannot say: RE2-valid regexes, fields required by the mode, distinct versions.
 */

const dnsLabelMessage = 'must be a DNS-1123 label: lowercase letters, digits and "-", at most 63';
export const dnsLabelSchema = z
  .string()
  .max(63, dnsLabelMessage)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, dnsLabelMessage);

export const versionSchema = z
  .string()
  .regex(versionPattern, 'must be lowercase letters and digits, at most 16 characters');

/** A share of traffic in percent: Aviary writes integers 0..100. */
export const percentWeightSchema = z.int().min(0).max(100);

export const releaseModes = ['Canary', 'BlueGreen', 'Mirror'] as const;
export const rolloutPolicies = ['WaitForWorkloadReady', 'Immediately', 'Paused'] as const;

export const envVarSchema = z.object({ name: z.string().min(1), value: z.string() });

export const newVersionSchema = z.object({
  version: versionSchema,
  /** The image of the new version's copy of the stable Deployment; required unless `adopt`. */
  image: z.string().min(1).optional(),
  /**
   * `<service>-<version>` exists already and is not Aviary's: route to it as it is. Aviary never
   * changes or deletes an adopted Deployment (offline of it removes only routes and subsets), so
   * image, replicas, env and container do not go with it.
   */
  adopt: z.boolean().optional(),
  /** The container whose image changes; the one named like the service, or the only one, when absent. */
  container: dnsLabelSchema.optional(),
  replicas: z.int().min(0).max(1000).optional(),
  env: z.array(envVarSchema).optional(),
});

/**
 * One condition of a request-content rule, KubeSphere's kinds. A flat object rather than a union
 * so the CRD stays structural; which fields each kind needs is checked by the refinements.
 */
export const requestConditionSchema = z.object({
  kind: z.enum(['header', 'cookie', 'uri', 'clientOs']),
  name: z.string().min(1).optional(),
  operator: z.enum(['exact', 'prefix', 'regex']).optional(),
  value: z.string().optional(),
  os: z.enum(['android', 'ios', 'windows', 'macos', 'linux']).optional(),
});

export const contentRuleSchema = z.object({
  name: dnsLabelSchema.optional(),
  /** AND-ed: the rule becomes ONE Istio match block. */
  conditions: z.array(requestConditionSchema).min(1),
  /** Percent of the matching requests that go to the new version; 100 when absent. */
  weight: percentWeightSchema.optional(),
});

export const trafficSchema = z.object({
  /** Percent of the default traffic that goes to the new version (Canary). */
  weight: percentWeightSchema.optional(),
  /** Ordered: the first rule that holds decides; the rest follows the default split. */
  rules: z.array(contentRuleSchema).optional(),
  /** Mirror: the share of requests copied to the new version; 100 when absent. */
  mirrorPercentage: z.number().min(0).max(100).optional(),
});

export const analysisSchema = z.object({
  /** How often the gate is checked, as a Go duration ("10s", "1m"). */
  interval: z.string().regex(/^\d+(ms|s|m|h)$/, 'must be a duration such as 10s or 1m'),
  /** Failed checks tolerated before the job rolls back. */
  failureLimit: z.int().min(0).max(100).optional(),
  /** Passed checks needed before the gate lets the job go on; 1 when absent. */
  successes: z.int().min(1).max(100).optional(),
  /** The PromQL range window ("1m"). */
  window: z
    .string()
    .regex(/^\d+(s|m|h)$/, 'must be a duration such as 30s or 1m')
    .optional(),
  /** Success rate of the new version in percent, at least. */
  minSuccessRate: z.number().min(0).max(100).optional(),
  /** p99 latency of the new version in milliseconds, at most. */
  maxLatencyP99Ms: z.number().min(0).optional(),
  /** Requests per second below which a check is Inconclusive rather than judged. */
  minRequestRate: z.number().min(0).optional(),
});

export const stepSchema = z.object({
  setWeight: percentWeightSchema.optional(),
  /** Without a duration the job waits until promoted. */
  pause: z
    .object({
      duration: z
        .string()
        .regex(/^\d+(ms|s|m|h)$/)
        .optional(),
    })
    .optional(),
  analysis: analysisSchema.optional(),
});

export const releaseJobSpecShape = z.object({
  service: dnsLabelSchema,
  application: z.string().optional(),
  mode: z.enum(releaseModes),
  stableVersion: versionSchema,
  newVersion: newVersionSchema,
  traffic: trafficSchema.optional(),
  policy: z.enum(rolloutPolicies).optional(),
  steps: z.array(stepSchema).max(50).optional(),
  /** One version gets 100 % everywhere, over the split (which is kept, not erased). */
  takeOver: versionSchema.optional(),
  paused: z.boolean().optional(),
  /** Steps promoted past by a user (the step index the job may move beyond). */
  promotedStep: z.int().min(0).optional(),
  promoteFull: z.boolean().optional(),
  rollback: z.boolean().optional(),
  offline: z.object({ keep: versionSchema }).optional(),
});

export type ReleaseJobSpec = z.infer<typeof releaseJobSpecShape>;
export type ReleaseMode = ReleaseJobSpec['mode'];
export type RolloutPolicy = (typeof rolloutPolicies)[number];
export type ContentRule = z.infer<typeof contentRuleSchema>;
export type RequestConditionSpec = z.infer<typeof requestConditionSchema>;
export type AnalysisSpec = z.infer<typeof analysisSchema>;
export type ReleaseStep = z.infer<typeof stepSchema>;
