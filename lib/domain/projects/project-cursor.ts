import { watchedKinds, type WatchedKind } from './project-objects';

/**
 * Where a project's view stands in each kind's history: the last resourceVersion of every kind,
 * written `Deployment=12;Pod=15;...`. The live stream uses it as its event ids (a reconnect
 * resumes each watch where it stopped) and the overview keeps it to merge a refetched snapshot.
 */
export type Cursor = Partial<Record<WatchedKind, string>>;

export function parseCursor(value: string | null | undefined): Cursor {
  const cursor: Cursor = {};
  for (const part of (value ?? '').split(';')) {
    const [kind, version] = part.split('=');
    if (
      kind &&
      version &&
      (watchedKinds as readonly string[]).includes(kind) &&
      /^\d+$/.test(version)
    ) {
      cursor[kind as WatchedKind] = version;
    }
  }
  return cursor;
}

export function formatCursor(cursor: Cursor): string {
  return watchedKinds
    .filter((k) => cursor[k])
    .map((k) => `${k}=${cursor[k]}`)
    .join(';');
}

/** `a` and `b` as numbers: resourceVersions of one API server are integers that grow. */
export function versionOrder(a: string | undefined, b: string | undefined): number {
  return Number(a ?? 0) - Number(b ?? 0);
}
