/**
 * Helpers for the Bookinfo services' unit tests: run a handler on an in-memory request (no
 * server), answer its upstream calls from a table, capture its spans and log, and seed its random
 * source.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ResourceSpans } from '../contracts/span-sink';
import { createPodTracer } from '../workloads/pod-tracer';
import type {
  OutboundRequest,
  OutboundResponse,
  WorkloadAppFactory,
  WorkloadEnv,
  WorkloadIo,
} from '../workloads/workload-app';

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/** Answers an upstream call; throw to play a refused connection or a timeout. */
export type Upstream = (
  url: string,
  init: OutboundRequest,
) => OutboundResponse | Promise<OutboundResponse>;

export const json = (status: number, body: unknown): OutboundResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export interface ServiceUnderTest {
  request(
    method: string,
    url: string,
    headers?: Record<string, string>,
    body?: string,
  ): Promise<TestResponse>;
  calls: Array<{ url: string; init: OutboundRequest }>;
  sleeps: number[];
  logs: string[];
  spans: ResourceSpans[];
}

export function startService(
  factory: WorkloadAppFactory,
  env: Partial<WorkloadEnv> & Pick<WorkloadEnv, 'app' | 'version'>,
  options: { upstream?: Upstream; random?: () => number } = {},
): ServiceUnderTest {
  const sut: ServiceUnderTest = {
    request: undefined as never,
    calls: [],
    sleeps: [],
    logs: [],
    spans: [],
  };
  const fullEnv: WorkloadEnv = {
    podName: `${env.app}-${env.version}-abc12`,
    namespace: 'default',
    podIP: '10.244.0.9',
    env: {},
    ...env,
  };
  const tracer = createPodTracer(
    {
      app: fullEnv.app,
      version: fullEnv.version,
      podName: fullEnv.podName,
      namespace: fullEnv.namespace,
      podIP: fullEnv.podIP,
      nodeName: 'node',
    },
    { export: (batch) => sut.spans.push(...batch) },
  );
  const io: WorkloadIo = {
    tracer: tracer.tracer,
    log: (line) => sut.logs.push(line),
    random: options.random ?? (() => 0.99),
    sleep: async (ms) => {
      sut.sleeps.push(ms);
    },
    fetch: async (url, init = {}) => {
      sut.calls.push({ url, init });
      if (!options.upstream) throw new Error(`connect ECONNREFUSED ${url}`);
      return options.upstream(url, init);
    },
  };
  const handler = factory(fullEnv, io);
  sut.request = async (method, url, headers = {}, body = '') => {
    const req = Readable.from(body ? [Buffer.from(body)] : []) as unknown as IncomingMessage;
    Object.assign(req, {
      method,
      url,
      headers,
      httpVersion: '1.1',
      socket: { remoteAddress: '127.0.0.1' },
    });
    const res = new FakeResponse();
    await handler(req, res as unknown as ServerResponse);
    await res.finished;
    await tracer.flush();
    return { status: res.statusCode, headers: res.headers, body: res.body };
  };
  return sut;
}

/** The parts of ServerResponse the services use. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headers: Record<string, string | string[]> = {};
  body = '';
  headersSent = false;
  private done!: () => void;
  readonly finished = new Promise<void>((resolve) => (this.done = resolve));

  writeHead(status: number, headers: Record<string, string | string[]> = {}): this {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers)) this.headers[name.toLowerCase()] = value;
    this.headersSent = true;
    return this;
  }

  getHeader(name: string): string | string[] | undefined {
    return this.headers[name.toLowerCase()];
  }

  end(body?: string): this {
    this.body += body ?? '';
    this.headersSent = true;
    this.emit('finish');
    this.emit('close');
    this.done();
    return this;
  }

  destroy(): void {
    this.emit('close');
    this.done();
  }
}
