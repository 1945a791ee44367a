import type { ObjectMeta } from '../istio/types';
import { managedByLabel, managedByValue, releaseJobLabel, releaseRecordAnnotation } from './names';

/**
 * What a job changed in an object it did not create, kept in one annotation on that object
 * (keyed by job, since a gateway VirtualService may route to several released services).
 */

/** A route of someone else's whose destinations (and mirror) the job replaced, as it was. */
export interface RouteRecord {
  /** Position among the object's routes once the job's own routes are taken out. */
  index: number;
  name?: string;
  route: unknown[];
  mirror?: unknown;
  mirrorPercentage?: unknown;
}

export interface JobRecord {
  http?: RouteRecord[];
  tcp?: RouteRecord[];
  /** DestinationRule subsets the job added. */
  subsets?: string[];
}

export function readRecords(meta: ObjectMeta): Record<string, JobRecord> {
  const text = meta.annotations?.[releaseRecordAnnotation];
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, JobRecord>) : {};
  } catch {
    return {};
  }
}

/** Metadata with the job's record set (or removed when empty), the annotation dropped with the last record. */
export function withRecord(
  meta: ObjectMeta,
  job: string,
  record: JobRecord | undefined,
): ObjectMeta {
  const records = readRecords(meta);
  const empty = !record || (!record.http?.length && !record.tcp?.length && !record.subsets?.length);
  if (empty) delete records[job];
  else records[job] = record;
  const annotations = { ...meta.annotations };
  if (Object.keys(records).length === 0) delete annotations[releaseRecordAnnotation];
  else annotations[releaseRecordAnnotation] = JSON.stringify(records);
  const next: ObjectMeta = { ...meta, annotations };
  if (Object.keys(annotations).length === 0) delete next.annotations;
  return next;
}

/** Whether Aviary created the object for this job (and so may delete it with the job). */
export function createdByJob(meta: { labels?: Record<string, string> }, job: string): boolean {
  return meta.labels?.[managedByLabel] === managedByValue && meta.labels?.[releaseJobLabel] === job;
}

/**
 * Why a job cannot take `<service>-<version>` as its new version: the Deployment exists and Aviary
 * did not create it. Routing to it and then removing it at offline would take over, and delete,
 * someone's workload; adopting it (which Aviary never changes or deletes) is the way to use it.
 */
export function notAviarysMessage(deployment: string): string {
  return `${deployment} already exists and was not created by Aviary: choose another version label, or adopt it`;
}

/** Labels Aviary puts on what it creates. */
export function managedLabels(job: string): Record<string, string> {
  return { [managedByLabel]: managedByValue, [releaseJobLabel]: job };
}

/** Labels without Aviary's marks (for the kept workload when a job goes offline). */
export function withoutManagedLabels(
  labels: Record<string, string> | undefined,
): Record<string, string> {
  const rest = { ...labels };
  delete rest[managedByLabel];
  delete rest[releaseJobLabel];
  return rest;
}
