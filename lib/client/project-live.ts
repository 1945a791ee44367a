'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { endpoints } from '@/lib/domain/api/endpoints';
import { pathOf } from '@/lib/domain/api/endpoint';
import {
  applyOverviewChanges,
  projectChangeSchema,
  type ProjectChange,
  type ProjectOverview,
} from '@/lib/domain/projects';
import { queryKeys } from './query-keys';

/**
 * Keeps a project's overview current from its live stream (server-sent events fed by Kubernetes
 * watches made as the person): changes are batched per animation frame and applied to the cached
 * overview by a pure reducer that ignores anything older than what it holds. The stream closes
 * while the tab is hidden and resumes from the last event's cursor when it is shown again.
 */
export type LiveState = 'connecting' | 'live' | 'paused' | 'reconnecting' | 'denied';

export function useProjectLiveUpdates(ns: string, initialCursor: string | undefined): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    let source: EventSource | undefined;
    let cursor = initialCursor;
    let pending: ProjectChange[] = [];
    let frame: number | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const flush = () => {
      frame = undefined;
      const batch = pending;
      pending = [];
      client.setQueryData<ProjectOverview>(queryKeys.projectOverview(ns), (old) =>
        old ? applyOverviewChanges(old, batch) : old,
      );
    };

    const open = () => {
      if (stopped || document.visibilityState === 'hidden') return;
      const url = new URL(pathOf(endpoints.projectEvents, { ns }), window.location.origin);
      if (cursor) url.searchParams.set('cursor', cursor);
      source = new EventSource(url);
      source.addEventListener('open', () => {
        // Back after closing for good: the cluster answers again, so reload the overview now
        // rather than at its next retry (up to 30 s away), which also takes the banner down.
        if (failures > 0) void client.refetchQueries({ queryKey: queryKeys.projectOverview(ns) });
        failures = 0;
        setState('live');
      });
      const remember = (event: MessageEvent) => {
        if (event.lastEventId) cursor = event.lastEventId;
      };
      source.addEventListener('change', (event) => {
        remember(event);
        const parsed = projectChangeSchema.safeParse(JSON.parse(event.data));
        if (!parsed.success) return;
        pending.push(parsed.data);
        frame ??= requestAnimationFrame(flush);
      });
      source.addEventListener('bookmark', remember);
      source.addEventListener('resync', (event) => {
        remember(event);
        void client.invalidateQueries({ queryKey: queryKeys.projectOverview(ns) });
      });
      source.addEventListener('denied', () => {
        stopped = true;
        source?.close();
        setState('denied');
      });
      source.addEventListener('error', () => {
        if (stopped || source?.readyState !== EventSource.CLOSED) {
          // The browser reconnects by itself (sending Last-Event-ID).
          if (!stopped) setState('reconnecting');
          return;
        }
        // Closed for good (the answer was not a stream: the session ended, or the cluster cannot
        // be reached). Reloading the overview finds out which through the query cache: a 401
        // sends the person to sign in, a 503 keeps retrying with the cluster banner up.
        setState('reconnecting');
        failures += 1;
        // Not cancelling a reload already retrying: a fresh fetch would clear its failure (and
        // with it the banner, re-announced as an alert once the fetch fails again) and its backoff.
        void client.refetchQueries(
          { queryKey: queryKeys.projectOverview(ns) },
          { cancelRefetch: false },
        );
        retry = setTimeout(open, Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)));
      });
    };

    const close = () => {
      source?.close();
      source = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        close();
        setState('paused');
      } else if (!source && !stopped) {
        setState('connecting');
        open();
      }
    };

    open();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(retry);
      if (frame !== undefined) cancelAnimationFrame(frame);
      close();
    };
  }, [client, ns, initialCursor]);

  return state;
}

/** Back to the sign-in page, then to this page once signed in again. */
export function redirectToSignIn(): void {
  const next = `${window.location.pathname}${window.location.search}`;
  // A full load, not a client navigation: the cache of the ended session must not survive.
  window.location.assign(
    new URL(`/sign-in?next=${encodeURIComponent(next)}`, window.location.origin).href,
  );
}
