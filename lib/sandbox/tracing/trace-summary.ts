import type { StoredSpan } from './span-rows';

export interface TraceSummary {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
  spanCount: number;
  errorSpanCount: number;
  /** Spans whose parent is not in the trace (not yet arrived, or pruned). */
  orphanSpanCount: number;
  services: Array<{ name: string; spanCount: number; errorSpanCount: number }>;
}

/**
 * One trace's search-list row, as Jaeger's `/api/v3/trace-summaries` gives it: the root is the
 * earliest span without a parent in the trace (or, in a trace of orphans only, the earliest span);
 * per-service counts in order of first appearance. `spans` is in start order, non-empty.
 */
export function summarizeTrace(spans: StoredSpan[]): TraceSummary {
  const ids = new Set(spans.map(({ span }) => span.spanId));
  const services = new Map<string, { name: string; spanCount: number; errorSpanCount: number }>();
  let minStart: bigint | undefined;
  let maxEnd: bigint | undefined;
  let root: StoredSpan | undefined;
  let orphanSpanCount = 0;
  let errorSpanCount = 0;
  for (const stored of spans) {
    const { span } = stored;
    const start = BigInt(span.startTimeUnixNano);
    const end = BigInt(span.endTimeUnixNano);
    if (minStart === undefined || start < minStart) minStart = start;
    if (maxEnd === undefined || end > maxEnd) maxEnd = end;
    if (span.parentSpanId === undefined) {
      root ??= stored;
    } else if (!ids.has(span.parentSpanId)) {
      orphanSpanCount += 1;
    }
    const isError = span.status.code === 'ERROR';
    if (isError) errorSpanCount += 1;
    const service = services.get(stored.resource.serviceName) ?? {
      name: stored.resource.serviceName,
      spanCount: 0,
      errorSpanCount: 0,
    };
    service.spanCount += 1;
    if (isError) service.errorSpanCount += 1;
    services.set(service.name, service);
  }
  root ??= spans[0]!;
  return {
    traceId: root.span.traceId,
    rootServiceName: root.resource.serviceName,
    rootOperationName: root.span.name,
    minStartTimeUnixNano: String(minStart ?? 0n),
    maxEndTimeUnixNano: String(maxEnd ?? 0n),
    spanCount: spans.length,
    errorSpanCount,
    orphanSpanCount,
    services: [...services.values()],
  };
}
