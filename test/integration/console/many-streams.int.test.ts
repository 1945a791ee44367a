import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '@/lib/domain/api/endpoints';
import { startConsoleFixture, type ConsoleFixture } from './console-fixture';

/**
 * Open live streams must not starve the console's other requests: each stream holds four watches
 * for as long as it runs, and a connection pool capped at 64 froze every other Kubernetes call
 * once 16 streams were open (found by bench/console-event-streams.bench.ts).
 */

let f: ConsoleFixture;
beforeAll(async () => {
  f = await startConsoleFixture();
});
afterAll(async () => f?.dispose());

describe('many open event streams', () => {
  it('20 streams (80 watches) open, and the API still answers at once', async () => {
    const cookie = await f.signIn('operator');
    const aborts: AbortController[] = [];
    try {
      const readers = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const abort = new AbortController();
          aborts.push(abort);
          const response = await f.call(endpoints.projectEvents, {
            params: { ns: 'demo-project' },
            cookie,
            signal: abort.signal,
          });
          expect(response.status).toBe(200);
          const reader = response.body!.getReader();
          await reader.read();
          return reader;
        }),
      );
      expect(readers).toHaveLength(20);
      const started = Date.now();
      const projects = await f.call(endpoints.listProjects, {
        cookie,
        signal: AbortSignal.timeout(5_000),
      });
      expect(projects.status).toBe(200);
      const overview = await f.call(endpoints.getProject, {
        params: { ns: 'demo-project' },
        cookie,
        signal: AbortSignal.timeout(5_000),
      });
      expect(overview.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const abort of aborts) abort.abort();
    }
  });
});
