import { endpoints } from '@/lib/domain/api/endpoints';
import { handle } from '@/lib/server/api/handler';

export const dynamic = 'force-dynamic';

const startedAt = Date.now();

/** Liveness for load balancers, the demo launcher and tests: answers as soon as the server serves. */
export const GET = handle(endpoints.healthz, async () => ({
  status: 'ok' as const,
  uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
}));
