'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { endpoints } from '@/lib/domain/api/endpoints';
import {
  mergeOverviewSnapshot,
  type CreateProjectRequest,
  type ProjectOverview,
} from '@/lib/domain/projects';
import { apiFetch } from './api-fetch';
import { queryKeys } from './query-keys';

/** Projects: the list, one project's overview, governance. (Access is asked by the pages' server side.) */
export const getProjectsQueryOptions = () => ({
  queryKey: queryKeys.projects(),
  queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch(endpoints.listProjects, { signal }),
});

export function useProjects() {
  return useQuery(getProjectsQueryOptions());
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CreateProjectRequest> & { name: string }) =>
      apiFetch(endpoints.createProject, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.projects() }),
  });
}

export const getProjectOverviewQueryOptions = (ns: string) => ({
  queryKey: queryKeys.projectOverview(ns),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiFetch(endpoints.getProject, { params: { ns }, signal }),
  // A refetch (after a resync or an outage) may list objects from before events the live stream
  // has already applied: merge it by resourceVersion instead of letting it replace them.
  structuralSharing: (held: unknown, fresh: unknown) =>
    mergeOverviewSnapshot(held as ProjectOverview | undefined, fresh as ProjectOverview),
});

export function useProjectOverview(ns: string, initialData?: ProjectOverview) {
  return useQuery({
    ...getProjectOverviewQueryOptions(ns),
    ...(initialData ? { initialData } : {}),
  });
}

export function useSetGovernance(ns: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ application, enabled }: { application: string; enabled: boolean }) =>
      apiFetch(endpoints.setGovernance, { params: { ns, app: application }, body: { enabled } }),
    // The overview follows the change through its live stream. Refetching it here raced the
    // stream: a snapshot listed before the pods restarted could land after their events and
    // hold an old pod for good (seen once in the e2e walkthrough). The list's summary refetches.
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.projects(), exact: true }),
  });
}
