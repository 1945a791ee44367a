import { z } from 'zod';
import { labelMapSchema, objectMetaSchema, portNumberSchema } from './common-schema';
import type { Gateway } from './types';

/** A networking.istio.io Gateway: the selector of the gateway pods and the hosts each port serves. */
export const gatewaySchema = z.looseObject({
  apiVersion: z.string().regex(/^networking\.istio\.io\//, 'must be networking.istio.io/<version>'),
  kind: z.literal('Gateway'),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    selector: labelMapSchema.optional(),
    servers: z
      .array(
        z.looseObject({
          name: z.string().optional(),
          port: z.looseObject({
            number: portNumberSchema,
            name: z.string().optional(),
            protocol: z.string().optional(),
            targetPort: portNumberSchema.optional(),
          }),
          hosts: z.array(z.string().min(1)).min(1),
          bind: z.string().optional(),
          tls: z.record(z.string(), z.unknown()).optional(),
        }),
      )
      .optional(),
  }),
}) satisfies z.ZodType<Gateway>;
