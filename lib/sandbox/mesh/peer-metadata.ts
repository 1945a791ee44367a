import { unknown, type WorkloadIdentity } from './workload-identity';

/**
 * Istio's metadata exchange over HTTP: the calling proxy sends its workload identity in
 * `x-envoy-peer-metadata` (base64) and `x-envoy-peer-metadata-id`; the receiving proxy reads them
 * to fill the `source_*` labels of its reporter="destination" metrics, then strips them so the
 * application never sees them. Istio encodes a protobuf Struct; the sandbox encodes JSON.
 */
export const peerMetadataHeader = 'x-envoy-peer-metadata';
export const peerMetadataIdHeader = 'x-envoy-peer-metadata-id';

export function encodePeerMetadata(identity: WorkloadIdentity): Record<string, string> {
  return {
    [peerMetadataHeader]: Buffer.from(JSON.stringify(identity)).toString('base64'),
    [peerMetadataIdHeader]: identity.nodeId,
  };
}

/** An identity that stands for a caller outside the mesh (no metadata came with the request). */
export function unknownPeer(podIP: string): WorkloadIdentity {
  return {
    workload: unknown,
    namespace: unknown,
    app: unknown,
    version: unknown,
    canonicalService: unknown,
    canonicalRevision: unknown,
    principal: unknown,
    podName: unknown,
    podIP,
    labels: {},
    nodeId: unknown,
  };
}

function isIdentity(value: unknown): value is WorkloadIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return [
    'workload',
    'namespace',
    'app',
    'version',
    'canonicalService',
    'canonicalRevision',
    'principal',
    'podName',
    'podIP',
    'nodeId',
  ].every((key) => typeof record[key] === 'string');
}

/** The caller's identity from the exchange header, or undefined when absent or unreadable. */
export function decodePeerMetadata(
  header: string | string[] | undefined,
): WorkloadIdentity | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    if (!isIdentity(parsed)) return undefined;
    const labels = (parsed as { labels?: unknown }).labels;
    return {
      ...parsed,
      labels:
        typeof labels === 'object' && labels !== null ? (labels as Record<string, string>) : {},
    };
  } catch {
    return undefined;
  }
}
