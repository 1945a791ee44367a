/**
 * A tracer per pod. Each pod gets its own BasicTracerProvider, never registered globally, so its
 * spans carry its own resource (service.name = the app, the pod's name, IP and namespace) even
 * though every pod lives in one Node process. Finished spans are batched for one turn of the event
 * loop and handed to the SpanSink. Spans are timed by the span clock the sidecars use.
 */
import type { Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { SpanSink } from '../contracts/span-sink';
import { spanClockTracer } from './span-clock-tracer';
import { toResourceSpans } from './span-record';

export interface PodTracerIdentity {
  app: string;
  version: string;
  podName: string;
  namespace: string;
  podIP: string;
  nodeName: string;
  podUid?: string;
}

/** Buffers ended spans and exports them to the sink together, one batch per event-loop turn. */
export class SinkSpanProcessor implements SpanProcessor {
  private pending: ReadableSpan[] = [];
  private scheduled: ReturnType<typeof setImmediate> | undefined;

  constructor(private readonly sink: SpanSink) {}

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    this.pending.push(span);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  async forceFlush(): Promise<void> {
    this.flush();
  }

  async shutdown(): Promise<void> {
    this.flush();
  }

  private flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.sink.export(toResourceSpans(batch));
  }
}

export interface PodTracer {
  tracer: Tracer;
  /** Exports what is buffered now. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops the provider. */
  shutdown(): Promise<void>;
}

export function createPodTracer(identity: PodTracerIdentity, sink: SpanSink): PodTracer {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': identity.app,
      'service.version': identity.version,
      'service.namespace': identity.namespace,
      'k8s.namespace.name': identity.namespace,
      'k8s.pod.name': identity.podName,
      'k8s.pod.ip': identity.podIP,
      'k8s.node.name': identity.nodeName,
      'host.name': identity.podName,
      ...(identity.podUid ? { 'k8s.pod.uid': identity.podUid } : {}),
    }),
    spanProcessors: [new SinkSpanProcessor(sink)],
  });
  return {
    tracer: spanClockTracer(provider.getTracer(`bookinfo-${identity.app}`, identity.version)),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
