/**
 * Records core/v1 Events as client-go's event recorder does: one Event per distinct occurrence
 * (same object, reason, message, type and source), repeats counted on it (`count`,
 * `lastTimestamp`) instead of piling up new objects. Events are best effort: a failed write is
 * reported to `onError` and never fails the controller that recorded it.
 */
import { ApiError } from '../apiserver/errors';
import type { ClusterClient } from '../apiserver/cluster-client';
import { resources } from '../apiserver/cluster-client';
import type { KubeObject } from '../apiserver/types';
import type { EventIntent } from './actions';
import { formatTime } from './object-meta';

/** The key under which repeats of an event are counted (`EventAggregatorByReasonFunc` plus message). */
export function aggregationKey(intent: EventIntent): string {
  const o = intent.involvedObject;
  return [
    o.metadata.namespace ?? '',
    o.kind,
    o.metadata.name ?? '',
    o.metadata.uid ?? '',
    intent.fieldPath ?? '',
    intent.type,
    intent.reason,
    intent.message,
    intent.component,
    intent.host ?? '',
  ].join('\u0000');
}

/** `<object>.<hex nanoseconds>`, the name client-go gives an Event. */
export function eventName(objectName: string, nowMs: number, sequence: number): string {
  const nanos = BigInt(Math.floor(nowMs)) * 1_000_000n + BigInt(sequence % 1_000_000);
  return `${objectName}.${nanos.toString(16)}`;
}

/** A new core/v1 Event for `intent`, first seen at `now`. */
export function buildEvent(
  intent: EventIntent,
  name: string,
  now: string,
  reportingInstance: string,
): KubeObject {
  const o = intent.involvedObject;
  const involvedObject: Record<string, string> = {
    kind: o.kind,
    namespace: o.metadata.namespace ?? '',
    name: o.metadata.name ?? '',
    uid: o.metadata.uid ?? '',
    apiVersion: o.apiVersion,
    resourceVersion: o.metadata.resourceVersion ?? '',
  };
  if (intent.fieldPath) involvedObject.fieldPath = intent.fieldPath;
  if (!o.metadata.namespace) delete involvedObject.namespace;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: o.metadata.namespace || 'default' },
    involvedObject,
    reason: intent.reason,
    message: intent.message,
    source: intent.host
      ? { component: intent.component, host: intent.host }
      : { component: intent.component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type: intent.type,
    eventTime: null,
    reportingComponent: intent.component,
    reportingInstance: intent.host ?? reportingInstance,
  };
}

export interface EventRecorderOptions {
  /** Clock, for tests. */
  now?: () => number;
  /** How many distinct events to remember for counting repeats (the oldest are forgotten). */
  maxRemembered?: number;
  reportingInstance?: string;
  onError?: (error: unknown, intent: EventIntent) => void;
}

export class EventRecorder {
  private readonly seen = new Map<string, { namespace: string; name: string; count: number }>();
  private sequence = 0;

  constructor(
    private readonly client: ClusterClient,
    private readonly options: EventRecorderOptions = {},
  ) {}

  /** Writes the Event, or counts a repeat on the one already written. */
  record(intent: EventIntent): void {
    const nowMs = this.options.now?.() ?? Date.now();
    const now = formatTime(nowMs);
    const key = aggregationKey(intent);
    try {
      const previous = this.seen.get(key);
      if (previous && this.countRepeat(previous, now)) {
        // Refresh recency so the map acts as an LRU.
        this.seen.delete(key);
        this.seen.set(key, previous);
        return;
      }
      const name = eventName(
        intent.involvedObject.metadata.name ?? 'event',
        nowMs,
        this.sequence++,
      );
      const event = buildEvent(
        intent,
        name,
        now,
        this.options.reportingInstance ?? 'aviary-sandbox',
      );
      this.client.create(resources.events, event);
      this.remember(key, { namespace: event.metadata.namespace ?? 'default', name, count: 1 });
    } catch (error) {
      this.options.onError?.(error, intent);
    }
  }

  /** Bumps the count of an Event already written; false when it is gone (expired or deleted). */
  private countRepeat(
    previous: { namespace: string; name: string; count: number },
    now: string,
  ): boolean {
    try {
      this.client.patch(
        resources.events,
        previous.namespace,
        previous.name,
        { count: previous.count + 1, lastTimestamp: now },
        'merge',
      );
      previous.count += 1;
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return false;
      throw error;
    }
  }

  private remember(key: string, entry: { namespace: string; name: string; count: number }): void {
    this.seen.delete(key);
    this.seen.set(key, entry);
    const max = this.options.maxRemembered ?? 4096;
    while (this.seen.size > max) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
  }
}
