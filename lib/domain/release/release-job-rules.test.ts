import { describe, expect, it } from 'vitest';
import { reviewsSpec } from './fixtures.test-support';
import { releaseJobSpecOpenApiSchema } from './release-job-crd';
import { releaseJobSpecSchema } from './release-job-rules';
import type { ReleaseJobSpec } from './release-job-schema';

const messages = (spec: unknown) => {
  const result = releaseJobSpecSchema.safeParse(spec);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('releaseJobSpecSchema', () => {
  it('accepts the walkthrough job', () => expect(messages(reviewsSpec())).toEqual([]));
  it('accepts a job adopting reviews-v2 without an image', () =>
    expect(messages(reviewsSpec({ newVersion: { version: 'v2', adopt: true } }))).toEqual([]));

  it.each<[string, Partial<ReleaseJobSpec> | Record<string, unknown>, string]>([
    ['uppercase service', { service: 'Reviews' }, 'service: must be a DNS-1123 label'],
    [
      'version with a dash',
      { stableVersion: 'v-1' },
      'stableVersion: must be lowercase letters and digits',
    ],
    [
      'version of 17 characters',
      { stableVersion: 'a'.repeat(17) },
      'stableVersion: must be lowercase',
    ],
    ['fractional weight', { traffic: { weight: 50.5 } }, 'traffic.weight'],
    ['weight over 100', { traffic: { weight: 101 } }, 'traffic.weight'],
    [
      'same versions',
      { newVersion: { version: 'v1', image: 'x' } },
      'newVersion.version: the new version must differ',
    ],
    [
      'no image',
      { newVersion: { version: 'v2' } },
      'newVersion.image: the new version needs an image (or adopt: true)',
    ],
    [
      'an image with adopt',
      { newVersion: { version: 'v2', adopt: true, image: 'reviews:v2' } },
      'newVersion.image: an adopted Deployment is taken as it is: Aviary never changes it, so image cannot be set',
    ],
    [
      'replicas with adopt',
      { newVersion: { version: 'v2', adopt: true, replicas: 3 } },
      'newVersion.replicas: an adopted Deployment is taken as it is',
    ],
    [
      'take-over by a stranger',
      { takeOver: 'v3' },
      `takeOver: "v3" is not one of the job's versions (v1, v2)`,
    ],
    [
      'offline keeping a stranger',
      { offline: { keep: 'v9' } },
      'offline.keep: "v9" is not one of the job\'s versions (v1, v2)',
    ],
    [
      'look-ahead is not RE2',
      {
        traffic: {
          rules: [
            { conditions: [{ kind: 'header', name: 'x', operator: 'regex', value: '(?=a)b' }] },
          ],
        },
      },
      'traffic.rules.0.conditions.0.value: not a valid RE2 regex',
    ],
    [
      'incomplete cookie',
      { traffic: { rules: [{ conditions: [{ kind: 'cookie', name: 'user' }] }] } },
      'traffic.rules.0.conditions.0: a cookie condition needs name and value',
    ],
    [
      'two URI conditions',
      {
        traffic: {
          rules: [
            {
              conditions: [
                { kind: 'uri', value: '/a' },
                { kind: 'uri', value: '/b' },
              ],
            },
          ],
        },
      },
      'traffic.rules.0.conditions: a rule can hold only one URI condition',
    ],
    [
      'rules on a blue-green job',
      { mode: 'BlueGreen', traffic: { rules: [{ conditions: [{ kind: 'uri', value: '/a' }] }] } },
      'traffic.rules: request-content rules apply to Canary jobs only',
    ],
    [
      'a step of two kinds',
      { steps: [{ setWeight: 10, pause: {} }] },
      'steps.0: a step is exactly one of',
    ],
  ])('refuses %s', (_, overrides, expected) => {
    expect(messages({ ...reviewsSpec(), ...overrides }).join('\n')).toContain(expected);
  });
});

describe('the CRD structural schema generated from the same definition', () => {
  const schema = releaseJobSpecOpenApiSchema() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('carries the zod rules the API server can check', () => {
    expect(schema.required).toEqual(['service', 'mode', 'stableVersion', 'newVersion']);
    expect(schema.properties.stableVersion.pattern).toBe('^[a-z0-9]{1,16}$');
    expect(schema.properties.service).toMatchObject({
      maxLength: 63,
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
    });
    expect(schema.properties.traffic.properties.weight).toEqual({
      type: 'integer',
      minimum: 0,
      maximum: 100,
    });
    expect(schema.properties.mode.enum).toEqual(['Canary', 'BlueGreen', 'Mirror']);
  });

  it('is structural: every node typed, no $schema, no propertyNames, no unions', () => {
    const walk = (node: Record<string, unknown>, path: string): string[] => {
      const bad: string[] = [];
      if (!('type' in node)) bad.push(`${path}: no type`);
      for (const key of ['$schema', 'propertyNames', 'anyOf', 'oneOf', 'allOf'])
        if (key in node) bad.push(`${path}: ${key}`);
      for (const [name, child] of Object.entries(
        (node.properties ?? {}) as Record<string, Record<string, unknown>>,
      ))
        bad.push(...walk(child, `${path}.${name}`));
      if (node.items) bad.push(...walk(node.items as Record<string, unknown>, `${path}[]`));
      return bad;
    };
    expect(walk(schema, 'spec')).toEqual([]);
  });
});
