import { z } from 'zod';
import { governanceStateSchema } from './project-schema';
import { projectObjectsSchema } from './project-objects';

/** Pod-template label Istio reads to inject (or not) a sidecar; application governance sets it. */
export const injectionLabel = 'sidecar.istio.io/inject';

export const workloadVersionSchema = z.object({
  deployment: z.string(),
  version: z.string(),
  images: z.array(z.string()),
  replicas: z.number().int().nonnegative(),
  readyReplicas: z.number().int().nonnegative(),
  /** Pods of this version that carry a sidecar, out of `podCount`. */
  podsWithSidecar: z.number().int().nonnegative(),
  podCount: z.number().int().nonnegative(),
  /** The injection the pod template asks for (`sidecar.istio.io/inject`), or undefined (namespace default). */
  injection: z.enum(['true', 'false']).optional(),
  /** Created by a release job (the job's name). */
  releaseJob: z.string().optional(),
});
export type WorkloadVersion = z.infer<typeof workloadVersionSchema>;

export const applicationServiceSchema = z.object({
  name: z.string(),
  ports: z.array(z.object({ name: z.string().optional(), port: z.number(), protocol: z.string() })),
  versions: z.array(workloadVersionSchema),
});

export const applicationSchema = z.object({
  name: z.string(),
  /** From an Application object (app.k8s.io), or grouped by the `app.kubernetes.io/name` / `app` labels. */
  source: z.enum(['Application', 'labels']),
  description: z.string(),
  services: z.array(applicationServiceSchema),
  governance: governanceStateSchema,
  /** Governance is changing: some pods still run without (or with) the sidecar asked for. */
  governanceInProgress: z.boolean(),
});
export type Application = z.infer<typeof applicationSchema>;

export const projectOverviewSchema = z.object({
  name: z.string(),
  description: z.string(),
  phase: z.enum(['Active', 'Terminating']),
  /** The namespace's own injection default (`istio-injection=enabled`). */
  namespaceInjection: z.boolean(),
  applications: z.array(applicationSchema),
  /** What `applications` was built from; the live stream keeps these current in the browser. */
  objects: projectObjectsSchema,
  /** Where the live stream starts for each kind (the lists' resourceVersions), as `Kind=rv;...`. */
  cursor: z.string(),
});
export type ProjectOverview = z.infer<typeof projectOverviewSchema>;

export const setGovernanceSchema = z.strictObject({ enabled: z.boolean() });
