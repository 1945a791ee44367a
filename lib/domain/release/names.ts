/**
 * Names, labels and annotations of Aviary's release objects: one place, so the controller, the
 * builders and the CRD agree on every spelling.
 */

export const releaseGroup = 'aviary.dev';
export const releaseVersion = 'v1alpha1';
export const releaseApiVersion = `${releaseGroup}/${releaseVersion}`;
export const releaseKind = 'ReleaseJob';
export const releasePlural = 'releasejobs';

/** Labels on every object Aviary creates. */
export const managedByLabel = 'app.kubernetes.io/managed-by';
export const managedByValue = 'aviary';
export const releaseJobLabel = 'aviary.dev/release-job';

/**
 * The programs Aviary writes as (its User-Agent, which the API server turns into the field manager
 * of managedFields and the audit log): the release controller, and the operations users make.
 */
export const controllerFieldManager = 'aviary-controller';
export const operationsFieldManager = 'aviary';

/**
 * On an object Aviary did not create: what each job added or replaced in it, as JSON keyed by job
 * name. Kept on the object itself so the record and the change are written in one update: a crash
 * between two writes can never leave a change without the means to undo it.
 */
export const releaseRecordAnnotation = 'aviary.dev/release-record';

/** On the job: who asked for the last change, written by the operation with the spec change. */
export const lastActionAnnotation = 'aviary.dev/last-action';

/** Finalizer that lets the controller put others' objects back before a job disappears. */
export const releaseFinalizer = 'aviary.dev/restore';

/** Istio's version label, the one DestinationRule subsets select on. */
export const versionLabel = 'version';
export const appLabel = 'app';

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label (Service, job and container names): lowercase alphanumerics and '-', at most 63. */
export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && dns1123Label.test(name);
}

/** A version label as KubeSphere asks for it: lowercase letters and digits, at most 16 characters. */
export const versionPattern = /^[a-z0-9]{1,16}$/;

/** The new version's Deployment: `<service>-<version>`, as KubeSphere names it. */
export function workloadName(service: string, version: string): string {
  return `${service}-${version}`;
}

/** HTTP and TCP routes Aviary owns in a VirtualService start with the job's name. */
export function managedRouteName(job: string, part: string): string {
  return `${job}-aviary-${part}`;
}

/** Whether a route (by name) belongs to the job: its own name, or one of its named parts. */
export function isManagedRouteName(job: string, name: string | undefined): boolean {
  return name !== undefined && (name === job || name.startsWith(`${job}-aviary-`));
}
