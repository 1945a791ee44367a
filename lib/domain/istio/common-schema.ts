import { z } from 'zod';

/**
 * Schemas shared by the VirtualService, DestinationRule and Gateway schemas. Every object schema
 * is loose: fields Aviary does not model (CORS policies, TLS settings, ...) pass through, so an
 * object read, edited and written back loses nothing.
 */

const labelMapSchema = z.record(z.string(), z.string());

export const objectMetaSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
  creationTimestamp: z.string().optional(),
  labels: labelMapSchema.optional(),
  annotations: labelMapSchema.optional(),
  resourceVersion: z.string().optional(),
});

/** StringMatch: the operators are checked for exclusivity by validation, not here, so they can be reported with a path. */
export const stringMatchSchema = z.looseObject({
  exact: z.string().optional(),
  prefix: z.string().optional(),
  regex: z.string().optional(),
});

export const stringMatchMapSchema = z.record(z.string(), stringMatchSchema);

/** Ports are uint32 in Istio's API. */
export const portNumberSchema = z.int().min(0).max(4294967295);

export const destinationSchema = z.looseObject({
  host: z.string().min(1),
  subset: z.string().optional(),
  port: z.looseObject({ number: portNumberSchema.optional() }).optional(),
});

export const percentSchema = z.looseObject({ value: z.number().min(0).max(100).optional() });

const headerOperationsSchema = z.looseObject({
  set: labelMapSchema.optional(),
  add: labelMapSchema.optional(),
  remove: z.array(z.string()).optional(),
});

export const headerManipulationSchema = z.looseObject({
  request: headerOperationsSchema.optional(),
  response: headerOperationsSchema.optional(),
});

export { labelMapSchema };
