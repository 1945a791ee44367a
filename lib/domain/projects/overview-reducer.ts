import type { ProjectOverview } from './application-schema';
import { buildApplications } from './application-model';
import { applyProjectChange, asModelInput, type ProjectChange } from './project-objects';

/**
 * The project overview after a batch of live changes: each change applied to the objects the
 * overview was built from (older ones ignored), then the applications built again from them.
 * Returns the same overview when no change was newer, so React skips the render.
 */
export function applyOverviewChanges(
  overview: ProjectOverview,
  changes: readonly ProjectChange[],
): ProjectOverview {
  let objects = overview.objects;
  for (const change of changes) objects = applyProjectChange(objects, change);
  if (objects === overview.objects) return overview;
  return {
    ...overview,
    objects,
    applications: buildApplications({
      ...asModelInput(objects),
      namespaceInjection: overview.namespaceInjection,
    }),
  };
}
