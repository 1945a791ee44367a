import 'server-only';
import type { VersionMetrics } from '@/lib/domain/release';

/** Where gates read a version's metrics: the Prometheus client in production, a table in tests. */
export interface VersionMetricsSource {
  versionMetrics(namespace: string, workload: string, window: string): Promise<VersionMetrics>;
}
