/**
 * A Tracer whose spans are timed by the sandbox's span clock (contracts/span-clock.ts) instead of
 * the OpenTelemetry SDK's: the SDK takes a span's start from Date.now(), in whole milliseconds, so
 * an application's span could start up to a millisecond (more if the wall clock steps) before
 * the sidecar span that is its parent. Every start, end and event time not given by the caller is
 * read from `clock`.
 */
import {
  context as contextApi,
  trace,
  type Context,
  type Exception,
  type Span,
  type SpanOptions,
  type TimeInput,
  type Tracer,
} from '@opentelemetry/api';
import { hrTimeOf, spanClockMs } from '../contracts/span-clock';

const isTimeInput = (value: unknown): value is TimeInput =>
  typeof value === 'number' || value instanceof Date || Array.isArray(value);

/** The span with the clock filled in where the caller gave no time; chained calls stay wrapped. */
function clockedSpan(span: Span, now: () => TimeInput): Span {
  const wrapped: Span = new Proxy(span, {
    get(target, property) {
      switch (property) {
        case 'end':
          return (endTime?: TimeInput) => target.end(endTime ?? now());
        case 'recordException':
          return (exception: Exception, time?: TimeInput) =>
            target.recordException(exception, time ?? now());
        case 'addEvent':
          return (name: string, attributesOrTime?: unknown, time?: TimeInput) => {
            if (isTimeInput(attributesOrTime)) target.addEvent(name, attributesOrTime);
            else
              target.addEvent(
                name,
                attributesOrTime as Parameters<Span['addEvent']>[1],
                time ?? now(),
              );
            return wrapped;
          };
      }
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result === target ? wrapped : result;
      };
    },
  });
  return wrapped;
}

export function spanClockTracer(tracer: Tracer, clock: () => number = spanClockMs): Tracer {
  const now = () => hrTimeOf(clock());
  const startSpan = (name: string, options?: SpanOptions, context?: Context): Span =>
    clockedSpan(
      tracer.startSpan(name, { ...options, startTime: options?.startTime ?? now() }, context),
      now,
    );
  return {
    startSpan,
    startActiveSpan(name: string, ...rest: unknown[]): unknown {
      const fn = rest.pop() as (span: Span) => unknown;
      const [options, context] = rest as [SpanOptions | undefined, Context | undefined];
      const parent = context ?? contextApi.active();
      const span = startSpan(name, options, parent);
      return contextApi.with(trace.setSpan(parent, span), fn, undefined, span);
    },
  } as unknown as Tracer;
}
