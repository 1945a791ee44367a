/**
 * What an in-process workload is to the runtime: a factory that, given the pod's environment and
 * its I/O (outbound calls through the pod's sidecar, the pod's tracer, its log), returns the HTTP
 * handler the pod's server runs. Bookinfo's services are such factories; the runtime knows nothing
 * else about them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Tracer } from '@opentelemetry/api';

/** The pod as its application sees it: identity and the environment from the pod spec. */
export interface WorkloadEnv {
  podName: string;
  namespace: string;
  podIP: string;
  /** The application (Bookinfo service) the image names, e.g. "reviews". */
  app: string;
  /** The version the image names, e.g. "v2". */
  version: string;
  /** The container's environment, resolved from `env` (values and fieldRefs). */
  env: Record<string, string>;
}

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Rejects with a timeout error after this long (no response yet). */
  timeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A fetch-like call to another service, e.g. `http://reviews:9080/reviews/0`. It goes through the
 * pod's sidecar when it has one (keeping the service as Host, so the mesh routes it), else straight
 * to one of the service's ready endpoints. Rejects when nothing answers.
 */
export type OutboundFetch = (url: string, init?: OutboundRequest) => Promise<OutboundResponse>;

export interface WorkloadIo {
  fetch: OutboundFetch;
  /** The pod's own tracer: spans carry this pod's resource attributes. */
  tracer: Tracer;
  /** Writes one line to the container's log (stdout). */
  log(line: string): void;
  /** Uniform in [0, 1): fault modes take it as a parameter so tests can seed it. */
  random(): number;
  sleep(ms: number): Promise<void>;
}

export type WorkloadHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export type WorkloadAppFactory = (env: WorkloadEnv, io: WorkloadIo) => WorkloadHandler;

/** An image the runtime knows how to run, and what runs for it. */
export interface KnownImage {
  app: string;
  version: string;
  factory: WorkloadAppFactory;
}

/** Maps a container image to the in-process application behind it; undefined for an unknown image. */
export type ImageCatalog = (image: string) => KnownImage | undefined;
