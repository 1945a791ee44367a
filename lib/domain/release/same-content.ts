import { semanticEqual } from '../kube/semantic-equal';
import { releaseRecordAnnotation } from './names';

/**
 * Whether an Istio object the API server holds already says what Aviary would write: its spec and
 * its annotations mean the same (semanticEqual). The release record annotation is JSON inside a
 * string, so it is compared as the value it encodes: a tool that writes it back re-encoded (keys
 * in another order, other spacing) changed nothing. Server-owned metadata (resourceVersion,
 * managedFields, generation, uid, timestamps) and status never count.
 */
export function sameWrittenContent(
  a: { spec?: unknown; metadata: { annotations?: Record<string, string> } },
  b: { spec?: unknown; metadata: { annotations?: Record<string, string> } },
): boolean {
  return (
    semanticEqual(a.spec, b.spec) && sameAnnotations(a.metadata.annotations, b.metadata.annotations)
  );
}

function sameAnnotations(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): boolean {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const key of keys) {
    const left = a?.[key];
    const right = b?.[key];
    if (left === right) continue;
    if (key !== releaseRecordAnnotation || left === undefined || right === undefined) return false;
    const [l, r] = [parsed(left), parsed(right)];
    if (l === undefined || r === undefined || !semanticEqual(l, r)) return false;
  }
  return true;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
