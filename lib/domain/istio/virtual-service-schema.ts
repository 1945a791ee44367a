import { z } from 'zod';
import {
  destinationSchema,
  headerManipulationSchema,
  labelMapSchema,
  objectMetaSchema,
  percentSchema,
  portNumberSchema,
  stringMatchMapSchema,
  stringMatchSchema,
} from './common-schema';
import type { VirtualService } from './types';

/** Weights are non-negative int32 in Istio's API; the sum is checked by validation. */
const weightSchema = z.int().min(0).max(2147483647);

export const httpMatchRequestSchema = z.looseObject({
  name: z.string().optional(),
  uri: stringMatchSchema.optional(),
  scheme: stringMatchSchema.optional(),
  method: stringMatchSchema.optional(),
  authority: stringMatchSchema.optional(),
  headers: stringMatchMapSchema.optional(),
  withoutHeaders: stringMatchMapSchema.optional(),
  queryParams: stringMatchMapSchema.optional(),
  ignoreUriCase: z.boolean().optional(),
  port: portNumberSchema.optional(),
  sourceLabels: labelMapSchema.optional(),
  gateways: z.array(z.string()).optional(),
  sourceNamespace: z.string().optional(),
});

const httpRouteDestinationSchema = z.looseObject({
  destination: destinationSchema,
  weight: weightSchema.optional(),
  headers: headerManipulationSchema.optional(),
});

const httpRedirectSchema = z.looseObject({
  uri: z.string().optional(),
  authority: z.string().optional(),
  port: portNumberSchema.optional(),
  derivePort: z.enum(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']).optional(),
  scheme: z.string().optional(),
  redirectCode: z.int().min(0).optional(),
});

const httpRewriteSchema = z.looseObject({
  uri: z.string().optional(),
  authority: z.string().optional(),
  uriRegexRewrite: z
    .looseObject({ match: z.string().optional(), rewrite: z.string().optional() })
    .optional(),
});

const httpRetrySchema = z.looseObject({
  attempts: z.int().min(0).optional(),
  perTryTimeout: z.string().optional(),
  retryOn: z.string().optional(),
});

const httpFaultInjectionSchema = z.looseObject({
  delay: z
    .looseObject({
      fixedDelay: z.string().optional(),
      percentage: percentSchema.optional(),
      percent: z.int().min(0).max(100).optional(),
    })
    .optional(),
  abort: z
    .looseObject({
      httpStatus: z.int().min(0).optional(),
      percentage: percentSchema.optional(),
    })
    .optional(),
});

const httpRouteSchema = z.looseObject({
  name: z.string().optional(),
  match: z.array(httpMatchRequestSchema).optional(),
  route: z.array(httpRouteDestinationSchema).optional(),
  redirect: httpRedirectSchema.optional(),
  directResponse: z
    .looseObject({
      status: z.int().min(0),
      body: z
        .looseObject({ string: z.string().optional(), bytes: z.string().optional() })
        .optional(),
    })
    .optional(),
  rewrite: httpRewriteSchema.optional(),
  timeout: z.string().optional(),
  retries: httpRetrySchema.optional(),
  fault: httpFaultInjectionSchema.optional(),
  mirror: destinationSchema.optional(),
  mirrorPercentage: percentSchema.optional(),
  mirrorPercent: z.int().min(0).max(100).optional(),
  mirrors: z
    .array(z.looseObject({ destination: destinationSchema, percentage: percentSchema.optional() }))
    .optional(),
  headers: headerManipulationSchema.optional(),
});

const tcpRouteSchema = z.looseObject({
  match: z
    .array(
      z.looseObject({
        port: portNumberSchema.optional(),
        sourceLabels: labelMapSchema.optional(),
        gateways: z.array(z.string()).optional(),
        sourceNamespace: z.string().optional(),
        destinationSubnets: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  route: z
    .array(z.looseObject({ destination: destinationSchema, weight: weightSchema.optional() }))
    .optional(),
});

/** A networking.istio.io VirtualService (v1, v1beta1 or v1alpha3), unknown fields kept. */
export const virtualServiceSchema = z.looseObject({
  apiVersion: z.string().regex(/^networking\.istio\.io\//, 'must be networking.istio.io/<version>'),
  kind: z.literal('VirtualService'),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    hosts: z.array(z.string().min(1)).optional(),
    gateways: z.array(z.string().min(1)).optional(),
    http: z.array(httpRouteSchema).optional(),
    tcp: z.array(tcpRouteSchema).optional(),
    exportTo: z.array(z.string()).optional(),
  }),
}) satisfies z.ZodType<VirtualService>;
