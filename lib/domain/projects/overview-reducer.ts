import type { ProjectOverview } from './application-schema';
import { buildApplications } from './application-model';
import { formatCursor, parseCursor, versionOrder, type Cursor } from './project-cursor';
import {
  applyProjectChange,
  asModelInput,
  watchedKinds,
  type ProjectChange,
  type ProjectObjects,
  type TrimmedObject,
} from './project-objects';

/**
 * The project overview after a batch of live changes: each change applied to the objects the
 * overview was built from (older ones ignored), its cursor moved on, then the applications built
 * again from them. Returns the same overview when no change was newer, so React skips the render.
 */
export function applyOverviewChanges(
  overview: ProjectOverview,
  changes: readonly ProjectChange[],
): ProjectOverview {
  let objects = overview.objects;
  const cursor = parseCursor(overview.cursor);
  for (const change of changes) {
    objects = applyProjectChange(objects, change);
    const version = change.object.metadata.resourceVersion;
    if (versionOrder(version, cursor[change.kind]) > 0) cursor[change.kind] = version;
  }
  if (objects === overview.objects) return overview;
  return rebuilt(overview, objects, cursor);
}

/**
 * A refetched overview merged with the one held, which the live stream may have carried past
 * the refetch's snapshot: per object the newer version wins; an object only the snapshot has is
 * kept unless the held view has seen its kind beyond that version (it was deleted since); an
 * object only the held view has is kept if it is newer than the snapshot's list (created since).
 */
export function mergeOverviewSnapshot(
  held: ProjectOverview | undefined,
  fresh: ProjectOverview,
): ProjectOverview {
  if (!held || held.name !== fresh.name) return fresh;
  const heldCursor = parseCursor(held.cursor);
  const freshCursor = parseCursor(fresh.cursor);
  const cursor: Cursor = {};
  const objects = { ...fresh.objects };
  for (const kind of watchedKinds) {
    const heldByName = new Map(held.objects[kind].map((o) => [o.metadata.name, o]));
    const merged: TrimmedObject[] = [];
    for (const f of fresh.objects[kind]) {
      const h = heldByName.get(f.metadata.name);
      heldByName.delete(f.metadata.name);
      if (h)
        merged.push(
          versionOrder(h.metadata.resourceVersion, f.metadata.resourceVersion) > 0 ? h : f,
        );
      else if (versionOrder(heldCursor[kind], f.metadata.resourceVersion) < 0) merged.push(f);
    }
    for (const h of heldByName.values()) {
      if (versionOrder(h.metadata.resourceVersion, freshCursor[kind]) > 0) merged.push(h);
    }
    objects[kind] = merged;
    const newest =
      versionOrder(heldCursor[kind], freshCursor[kind]) > 0 ? heldCursor[kind] : freshCursor[kind];
    if (newest) cursor[kind] = newest;
  }
  return rebuilt(fresh, objects, cursor);
}

function rebuilt(
  overview: ProjectOverview,
  objects: ProjectObjects,
  cursor: Cursor,
): ProjectOverview {
  return {
    ...overview,
    objects,
    cursor: formatCursor(cursor),
    applications: buildApplications({
      ...asModelInput(objects),
      namespaceInjection: overview.namespaceInjection,
    }),
  };
}
