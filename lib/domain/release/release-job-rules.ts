import { z } from 'zod';
import { buildMatchBlock, type RequestCondition } from '../istio/request-rule-builders';
import { compileRe2 } from '../istio/string-match';
import { isDns1123Label } from './names';
import {
  releaseJobSpecShape,
  type ContentRule,
  type ReleaseJobSpec,
  type RequestConditionSpec,
} from './release-job-schema';

/**
 * What the CRD's structural schema cannot say about a spec, as one zod refinement: the console's
 * form, the API handlers, the CLI and the controller all validate with `releaseJobSpecSchema`.
 */

type ConditionResult = { ok: true; condition: RequestCondition } | { ok: false; error: string };

/** A spec condition as the Istio rule builder's condition, or what is missing for its kind. */
export function toRequestCondition(spec: RequestConditionSpec): ConditionResult {
  const operator = spec.operator ?? 'exact';
  switch (spec.kind) {
    case 'header':
      if (!spec.name || spec.value === undefined)
        return { ok: false, error: 'a header condition needs name and value' };
      return {
        ok: true,
        condition: { kind: 'header', name: spec.name, operator, value: spec.value },
      };
    case 'cookie':
      if (!spec.name || spec.value === undefined)
        return { ok: false, error: 'a cookie condition needs name and value' };
      return { ok: true, condition: { kind: 'cookie', name: spec.name, value: spec.value } };
    case 'uri':
      if (spec.value === undefined) return { ok: false, error: 'a URI condition needs a value' };
      return { ok: true, condition: { kind: 'uri', operator, value: spec.value } };
    case 'clientOs':
      if (!spec.os) return { ok: false, error: 'a client OS condition needs os' };
      return { ok: true, condition: { kind: 'client-os', os: spec.os } };
  }
}

/** Every problem of one content rule: incomplete conditions, invalid RE2, conditions that cannot share a block. */
export function contentRuleProblems(
  rule: ContentRule,
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const conditions: RequestCondition[] = [];
  rule.conditions.forEach((spec, index) => {
    const result = toRequestCondition(spec);
    if (!result.ok) problems.push({ path: ['conditions', index], message: result.error });
    else conditions.push(result.condition);
    if (spec.operator === 'regex' && spec.value !== undefined) {
      const compiled = compileRe2(spec.value);
      if (!compiled.ok)
        problems.push({
          path: ['conditions', index, 'value'],
          message: `not a valid RE2 regex: ${compiled.error}`,
        });
    }
  });
  if (problems.length === 0) {
    const block = buildMatchBlock(conditions);
    if (!block.ok) problems.push({ path: ['conditions'], message: block.error });
  }
  return problems;
}

function refineSpec(spec: ReleaseJobSpec, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const versions = [spec.stableVersion, spec.newVersion.version];
  if (spec.stableVersion === spec.newVersion.version) {
    issue(['newVersion', 'version'], 'the new version must differ from the stable version');
  }
  if (!isDns1123Label(`${spec.service}-${spec.newVersion.version}`)) {
    issue(
      ['newVersion', 'version'],
      `the new workload name "${spec.service}-${spec.newVersion.version}" is longer than 63 characters`,
    );
  }
  if (spec.newVersion.adopt) {
    for (const field of ['image', 'replicas', 'env', 'container'] as const)
      if (spec.newVersion[field] !== undefined)
        issue(
          ['newVersion', field],
          `an adopted Deployment is taken as it is: Aviary never changes it, so ${field} cannot be set`,
        );
  } else if (spec.newVersion.image === undefined) {
    issue(['newVersion', 'image'], 'the new version needs an image (or adopt: true)');
  }
  if (spec.takeOver !== undefined && !versions.includes(spec.takeOver)) {
    issue(
      ['takeOver'],
      `"${spec.takeOver}" is not one of the job's versions (${versions.join(', ')})`,
    );
  }
  if (spec.offline !== undefined && !versions.includes(spec.offline.keep)) {
    issue(
      ['offline', 'keep'],
      `"${spec.offline.keep}" is not one of the job's versions (${versions.join(', ')})`,
    );
  }
  spec.traffic?.rules?.forEach((rule, index) => {
    for (const problem of contentRuleProblems(rule))
      issue(['traffic', 'rules', index, ...problem.path], problem.message);
  });
  if (spec.mode !== 'Canary' && spec.traffic?.rules?.length) {
    issue(['traffic', 'rules'], 'request-content rules apply to Canary jobs only');
  }
  if (spec.mode !== 'Mirror' && spec.traffic?.mirrorPercentage !== undefined) {
    issue(['traffic', 'mirrorPercentage'], 'a mirror percentage applies to Mirror jobs only');
  }
  if (spec.steps?.length && spec.mode !== 'Canary')
    issue(['steps'], 'progressive steps apply to Canary jobs only');
  spec.steps?.forEach((step, index) => {
    const kinds = [
      step.setWeight !== undefined,
      step.pause !== undefined,
      step.analysis !== undefined,
    ].filter(Boolean);
    if (kinds.length !== 1)
      issue(['steps', index], 'a step is exactly one of setWeight, pause, analysis');
  });
  if (spec.promotedStep !== undefined && spec.promotedStep >= (spec.steps?.length ?? 0)) {
    issue(['promotedStep'], 'must name one of the steps');
  }
}

/** The full spec validation: the structural shape plus the rules above. */
export const releaseJobSpecSchema = releaseJobSpecShape.superRefine(refineSpec);

/** A ReleaseJob as the console and CLI submit it (metadata reduced to what they set). */
export const releaseJobSchema = z.object({
  apiVersion: z.literal('aviary.dev/v1alpha1'),
  kind: z.literal('ReleaseJob'),
  metadata: z.looseObject({ name: dnsNameSchema(), namespace: z.string().optional() }),
  spec: releaseJobSpecSchema,
});

function dnsNameSchema() {
  return z
    .string()
    .refine(
      isDns1123Label,
      'must be a DNS-1123 label: lowercase letters, digits and "-", at most 63',
    );
}
