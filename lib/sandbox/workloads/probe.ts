/**
 * Container probes as the kubelet runs them, on the sandbox's loopback ports: an HTTP GET
 * (2xx/3xx succeeds) or a TCP connect, every period, flipping after `successThreshold`
 * successes or `failureThreshold` failures, with the timings the pod stores: the API server fills
 * a declared probe's defaults (timeout 1 s, period 10 s, thresholds 1 and 3) as kube-apiserver
 * does. Only the runtime's own /health probe of in-process apps, which the pod does not declare,
 * and a pod that never went through the API use the runtime's (short) default period, so sandbox
 * pods turn ready in well under a second.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Container } from '../controllers/workload-types';

interface ProbeFields {
  httpGet?: { path?: string; port?: number | string; scheme?: string };
  tcpSocket?: { port?: number | string };
  exec?: unknown;
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface ProbeSpec {
  kind: 'http' | 'tcp';
  path: string;
  initialDelayMs: number;
  /** undefined: the probe did not say; the prober uses its default. */
  periodMs?: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/**
 * The container's probe of `kind`, or `fallbackPath` as an HTTP probe when it declares none (the
 * runtime asks in-process apps' /health). An `exec` probe cannot run against an in-process server
 * and counts as passing.
 */
export function probeSpec(
  container: Container,
  kind: 'readinessProbe' | 'livenessProbe',
  fallbackPath?: string,
): ProbeSpec | undefined {
  const fields = container[kind] as ProbeFields | undefined;
  if (!fields) {
    return fallbackPath === undefined
      ? undefined
      : {
          kind: 'http',
          path: fallbackPath,
          initialDelayMs: 0,
          timeoutMs: 1000,
          successThreshold: 1,
          failureThreshold: 3,
        };
  }
  if (!fields.httpGet && !fields.tcpSocket) return undefined;
  return {
    kind: fields.httpGet ? 'http' : 'tcp',
    path: fields.httpGet?.path || '/',
    initialDelayMs: (fields.initialDelaySeconds ?? 0) * 1000,
    periodMs: fields.periodSeconds !== undefined ? fields.periodSeconds * 1000 : undefined,
    timeoutMs: (fields.timeoutSeconds ?? 1) * 1000,
    successThreshold: fields.successThreshold ?? 1,
    failureThreshold: fields.failureThreshold ?? 3,
  };
}

/** One probe attempt against 127.0.0.1:port. Never rejects. */
export function probeOnce(spec: ProbeSpec, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (spec.kind === 'tcp') {
      const socket = connect({ host: '127.0.0.1', port, timeout: spec.timeoutMs });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('timeout', () => socket.destroy(new Error('timeout')));
      socket.once('error', () => resolve(false));
      return;
    }
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: spec.path,
        method: 'GET',
        headers: { 'user-agent': 'kube-probe/1.30' },
        agent: false,
      },
      (res) => {
        res.resume();
        resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 400);
      },
    );
    req.setTimeout(spec.timeoutMs, () => req.destroy(new Error('timeout')));
    req.once('error', () => resolve(false));
    req.end();
  });
}

/**
 * Runs one probe until stopped, calling `onChange(true|false)` when the result flips (the first
 * success counts as a flip; failures before any success do not report, as nothing changed).
 */
export class Prober {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private state: boolean | undefined;
  private successes = 0;
  private failures = 0;

  constructor(
    private readonly spec: ProbeSpec,
    private readonly port: () => number | undefined,
    private readonly defaultPeriodMs: number,
    private readonly onChange: (passing: boolean) => void,
  ) {}

  start(): void {
    this.schedule(this.spec.initialDelayMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    const port = this.port();
    const ok = port !== undefined && (await probeOnce(this.spec, port));
    if (this.stopped) return;
    if (ok) {
      this.failures = 0;
      this.successes++;
      if (this.state !== true && this.successes >= this.spec.successThreshold) {
        this.state = true;
        this.onChange(true);
      }
    } else {
      this.successes = 0;
      this.failures++;
      if (this.state !== false && this.failures >= this.spec.failureThreshold) {
        this.state = false;
        this.onChange(false);
      }
    }
    this.schedule(this.spec.periodMs ?? this.defaultPeriodMs);
  }
}
