/**
 * The `pod-template-hash` label: a stable name for a pod template, as the deployment controller
 * computes it (`controller.ComputeHash`): FNV-32a over the template, plus the collision count,
 * rendered in Kubernetes' "safe" alphabet so that it never spells words and never looks numeric.
 */
import { canonicalJson } from './object-meta';
import type { PodTemplateSpec } from './workload-types';

/** The label the deployment controller adds to a ReplicaSet's selector, template and pods. */
export const podTemplateHashLabel = 'pod-template-hash';

/** Kubernetes' `rand` alphabet: no vowels, no 0/1/3 that could read as letters or form words. */
export const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits, over bytes. */
export function fnv32a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** `rand.SafeEncodeString`: each character mapped into {@link safeAlphabet}. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    out += safeAlphabet[text.charCodeAt(i) % safeAlphabet.length];
  }
  return out;
}

/**
 * The hash of a Deployment's pod template. The template is hashed as canonical JSON (sorted keys,
 * empty values dropped), so the same template always gives the same name across restarts; a
 * `collisionCount` (status.collisionCount) is mixed in, as Kubernetes does, to step away from a
 * name already taken by a ReplicaSet with another template.
 */
export function computePodTemplateHash(
  template: PodTemplateSpec | undefined,
  collisionCount?: number,
): string {
  const json = new TextEncoder().encode(canonicalJson(template ?? {}));
  let bytes = json;
  if (collisionCount !== undefined) {
    // Little-endian uint32 in an 8-byte buffer, the bytes ComputeHash writes.
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    bytes = new Uint8Array(json.length + extra.length);
    bytes.set(json);
    bytes.set(extra, json.length);
  }
  return safeEncodeString(String(fnv32a(bytes)));
}
