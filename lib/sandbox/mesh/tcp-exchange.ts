import type { Socket } from 'node:net';
import { incrementCounter } from '../telemetry/metrics/registry';
import type { IstioMetrics } from '../telemetry/metrics/istio-metrics';
import { requestLabels, type RequestLabelInput } from './istio-metric-labels';
import { decodePeerMetadata, encodePeerMetadata, peerMetadataHeader } from './peer-metadata';
import type { WorkloadIdentity } from './workload-identity';

/**
 * What the two sides of a proxied TCP connection share: Istio's in-band metadata exchange (the
 * calling sidecar writes a preamble with its identity before the first byte of the stream, the
 * receiving sidecar reads and strips it, as Istio's TCP metadata-exchange filter does with its
 * magic number and a protobuf; the sandbox carries the same JSON as the HTTP header), the byte
 * relay, and Istio's four TCP metrics.
 */

const magic = Buffer.from([0x3d, 0x23, 0x04, 0x67]);

export function peerPreamble(identity: WorkloadIdentity): Buffer {
  const value = Buffer.from(encodePeerMetadata(identity)[peerMetadataHeader]!);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(value.length);
  return Buffer.concat([magic, length, value]);
}

/**
 * Splits a preamble off the first bytes of a stream: the peer it names (undefined when the bytes
 * do not start with one, e.g. a caller without a sidecar) and the application's bytes after it.
 * `complete` is false while a preamble has started but not all of it arrived.
 */
export function splitPreamble(head: Buffer): {
  complete: boolean;
  peer?: WorkloadIdentity;
  rest: Buffer;
} {
  const prefix = head.subarray(0, magic.length);
  if (!magic.subarray(0, prefix.length).equals(prefix)) return { complete: true, rest: head };
  if (head.length < magic.length + 4) return { complete: false, rest: head };
  const length = head.readUInt32BE(magic.length);
  const end = magic.length + 4 + length;
  if (head.length < end) return { complete: false, rest: head };
  const peer = decodePeerMetadata(head.subarray(magic.length + 4, end).toString());
  return { complete: true, ...(peer ? { peer } : {}), rest: head.subarray(end) };
}

/**
 * Reads the preamble a sidecar caller sends first. A caller that sends nothing within `waitMs`
 * (a server-first protocol from outside the mesh) has none.
 */
export function readPreamble(
  socket: Socket,
  waitMs: number,
): Promise<{ peer?: WorkloadIdentity; rest: Buffer }> {
  return new Promise((resolve) => {
    let head = Buffer.alloc(0);
    const done = (result: { peer?: WorkloadIdentity; rest: Buffer }) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const split = splitPreamble(head);
      if (split.complete) done(split);
    };
    const onEnd = () => done({ rest: head });
    const timer = setTimeout(() => done({ rest: head }), waitMs);
    socket.on('data', onData);
    socket.once('end', onEnd);
  });
}

export interface TcpCounts {
  /** Bytes from the caller to the server (Istio's "received"). */
  received: number;
  /** Bytes from the server back to the caller (Istio's "sent"). */
  sent: number;
}

/**
 * Relays bytes both ways until both sides are done, counting them as they pass (`onBytes`), and
 * resolves once both sockets are closed. A half-close is passed on (`end`), a reset destroys both.
 */
export function relayTcp(
  downstream: Socket,
  upstream: Socket,
  first: Buffer,
  onBytes: (direction: keyof TcpCounts, bytes: number) => void,
): Promise<void> {
  return new Promise((resolve) => {
    let open = 2;
    const closed = () => {
      if (--open === 0) resolve();
    };
    downstream.once('close', closed);
    upstream.once('close', closed);
    downstream.on('error', () => upstream.destroy());
    upstream.on('error', () => downstream.destroy());
    downstream.on('data', (chunk: Buffer) => onBytes('received', chunk.length));
    upstream.on('data', (chunk: Buffer) => onBytes('sent', chunk.length));
    if (first.length > 0) {
      onBytes('received', first.length);
      upstream.write(first);
    }
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    downstream.resume();
  });
}

/** The labels of Istio's TCP metrics: the request labels minus the HTTP-only ones, protocol tcp. */
export function tcpLabels(input: Omit<RequestLabelInput, 'responseCode'>): Record<string, string> {
  return { ...requestLabels({ ...input, responseCode: 0 }), request_protocol: 'tcp' };
}

/** One proxy's view of one connection in Istio's TCP metrics, kept current as bytes pass. */
export function tcpMetricsRecorder(metrics: IstioMetrics, labels: Record<string, string>) {
  return {
    opened: () => incrementCounter(metrics.tcpConnectionsOpenedTotal, labels),
    closed: () => incrementCounter(metrics.tcpConnectionsClosedTotal, labels),
    bytes: (direction: keyof TcpCounts, bytes: number) =>
      incrementCounter(
        direction === 'sent' ? metrics.tcpSentBytesTotal : metrics.tcpReceivedBytesTotal,
        labels,
        bytes,
      ),
  };
}
