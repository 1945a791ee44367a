import { z } from 'zod';
import { releaseGroup, releaseKind, releasePlural, releaseVersion } from './names';
import { releaseJobSpecShape } from './release-job-schema';

/**
 * The ReleaseJob CustomResourceDefinition, generated from the zod spec shape so the API server and
 * Aviary's own validation read one definition. `deploy/release-job-crd.yaml` is this object as
 * YAML (a test keeps them equal); the sandbox installs it from here.
 */

type JsonSchema = Record<string, unknown>;

/**
 * Turns zod's JSON Schema into a Kubernetes structural schema: no `$schema`, no `propertyNames`,
 * no `additionalProperties: false` (Kubernetes prunes unknown fields itself), and every node typed.
 */
export function toStructuralSchema(node: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === 'propertyNames') continue;
    if (key === 'additionalProperties' && value === false) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, child]) => [
          name,
          toStructuralSchema(child),
        ]),
      );
    } else if (
      (key === 'items' || key === 'additionalProperties') &&
      value &&
      typeof value === 'object'
    ) {
      out[key] = toStructuralSchema(value as JsonSchema);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The spec's structural schema. */
export function releaseJobSpecOpenApiSchema(): JsonSchema {
  return toStructuralSchema(z.toJSONSchema(releaseJobSpecShape, { io: 'input' }) as JsonSchema);
}

/** The whole CRD object, ready to create or print as YAML. */
export function releaseJobCrd() {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${releasePlural}.${releaseGroup}` },
    spec: {
      group: releaseGroup,
      scope: 'Namespaced',
      names: {
        plural: releasePlural,
        singular: 'releasejob',
        kind: releaseKind,
        listKind: `${releaseKind}List`,
        shortNames: ['rj'],
        categories: ['aviary'],
      },
      versions: [
        {
          name: releaseVersion,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Service', type: 'string', jsonPath: '.spec.service' },
            { name: 'Mode', type: 'string', jsonPath: '.spec.mode' },
            { name: 'Stable', type: 'string', jsonPath: '.spec.stableVersion' },
            { name: 'New', type: 'string', jsonPath: '.spec.newVersion.version' },
            {
              name: 'Weight',
              type: 'integer',
              jsonPath: '.spec.traffic.weight',
              description: 'percent of default traffic to the new version',
            },
            { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              required: ['spec'],
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: releaseJobSpecOpenApiSchema(),
                // Written by the controller alone; its shape is ReleaseJobStatus (release-job.ts).
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
          },
        },
      ],
    },
  };
}
