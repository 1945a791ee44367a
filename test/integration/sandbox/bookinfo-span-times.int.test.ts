import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/domain/istio';
import {
  startBookinfoSandboxOnReviewsV2,
  type BookinfoSandbox,
} from '@/test/support/bookinfo-sandbox';
import { waitFor } from '@/test/support/wait-for';

interface JaegerSpan {
  spanID: string;
  operationName: string;
  startTime: number;
  references: Array<{ refType: string; spanID: string }>;
  processID: string;
}
interface JaegerTrace {
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

/**
 * Span times across the sidecars, the gateway and the in-process Bookinfo services: every span
 * is timed by one monotonic clock, so a trace viewer never draws a child starting before its
 * parent (the applications' spans used to start on Date.now()'s whole milliseconds).
 */
describe('Bookinfo span times', () => {
  let bookinfo: BookinfoSandbox;

  beforeAll(async () => {
    bookinfo = await startBookinfoSandboxOnReviewsV2(11);
  });
  afterAll(() => bookinfo?.dispose());

  async function traceOf(traceId: string): Promise<JaegerTrace> {
    // 13 spans: gateway; productpage's inbound, server, 2 clients, 2 outbound; details' and
    // reviews' inbound and server; reviews' client and outbound; ratings' inbound and server.
    return waitFor(
      async () => {
        const response = await fetch(`${bookinfo.sandbox.urls.jaeger}/api/traces/${traceId}`);
        if (response.status !== 200) return undefined;
        const [trace] = ((await response.json()) as { data: JaegerTrace[] }).data;
        return trace && trace.spans.length >= 13 && trace;
      },
      { timeoutMs: 15_000, what: `trace ${traceId} complete` },
    );
  }

  it('no span of 100 productpage requests starts before its parent', async () => {
    const random = seededRandom(42);
    const hex = (length: number) =>
      Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
    const traceIds: string[] = [];
    for (let request = 0; request < 100; request++) {
      const traceId = hex(32);
      traceIds.push(traceId);
      const answer = await bookinfo.page({ traceparent: `00-${traceId}-${hex(16)}-01` });
      expect(answer.seen).toBe('v2');
    }
    let pairs = 0;
    const early: string[] = [];
    for (const traceId of traceIds) {
      const trace = await traceOf(traceId);
      const byId = new Map(trace.spans.map((span) => [span.spanID, span]));
      for (const span of trace.spans) {
        const parent = byId.get(
          span.references.find((ref) => ref.refType === 'CHILD_OF')?.spanID ?? '',
        );
        if (!parent) continue;
        pairs++;
        if (span.startTime < parent.startTime) {
          const name = (s: JaegerSpan) =>
            `${trace.processes[s.processID]?.serviceName} ${s.operationName}`;
          early.push(
            `${traceId}: ${name(span)} starts ${parent.startTime - span.startTime} us before its parent ${name(parent)}`,
          );
        }
      }
    }
    expect(pairs).toBeGreaterThanOrEqual(100 * 12);
    expect(early).toEqual([]);
  });
});
