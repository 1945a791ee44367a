import { z } from 'zod';
import { labelMapSchema, objectMetaSchema } from './common-schema';
import type { DestinationRule } from './types';

const trafficPolicySchema = z.record(z.string(), z.unknown());

/** A networking.istio.io DestinationRule, unknown fields kept; traffic policies are carried, not interpreted. */
export const destinationRuleSchema = z.looseObject({
  apiVersion: z.string().regex(/^networking\.istio\.io\//, 'must be networking.istio.io/<version>'),
  kind: z.literal('DestinationRule'),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    host: z.string().min(1),
    subsets: z
      .array(
        z.looseObject({
          name: z.string().min(1),
          labels: labelMapSchema.optional(),
          trafficPolicy: trafficPolicySchema.optional(),
        }),
      )
      .optional(),
    trafficPolicy: trafficPolicySchema.optional(),
    exportTo: z.array(z.string()).optional(),
  }),
}) satisfies z.ZodType<DestinationRule>;
