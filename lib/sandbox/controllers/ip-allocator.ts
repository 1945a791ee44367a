/**
 * Pod IPs from the sandbox's pod network 10.244.0.0/16: unique among live pods, and stable per
 * pod (a pod keeps the IP its status already records, e.g. across a sandbox restart).
 */

const base = (10 << 24) | (244 << 16);
/** .0.0 is the network, .0.1 the node's bridge, .255.255 broadcast: hand out the rest. */
const first = 2;
const last = 0xffff - 1;

export function ipToString(ip: number): string {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

function parseInRange(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = parts;
  if (a !== 10 || b !== 244) return undefined;
  const offset = (c << 8) | d;
  return offset >= first && offset <= last ? offset : undefined;
}

export class IpAllocator {
  private readonly byOwner = new Map<string, number>();
  private readonly taken = new Set<number>();
  private cursor = first;

  /**
   * The IP of `owner` (a pod uid or key). `preferred` (the IP in the pod's status) is kept when it
   * is in range and free; otherwise the next free address after the last one handed out, so a
   * deleted pod's IP is not reused at once.
   */
  allocate(owner: string, preferred?: string): string {
    const existing = this.byOwner.get(owner);
    if (existing !== undefined) return ipToString(base | existing);
    const wanted = preferred === undefined ? undefined : parseInRange(preferred);
    let offset: number | undefined =
      wanted !== undefined && !this.taken.has(wanted) ? wanted : undefined;
    for (let tries = 0; offset === undefined && tries <= last - first; tries++) {
      const candidate = this.cursor;
      this.cursor = candidate >= last ? first : candidate + 1;
      if (!this.taken.has(candidate)) offset = candidate;
    }
    if (offset === undefined) throw new Error('pod network 10.244.0.0/16 is exhausted');
    this.byOwner.set(owner, offset);
    this.taken.add(offset);
    return ipToString(base | offset);
  }

  /** The IP `owner` holds, if any. */
  lookup(owner: string): string | undefined {
    const offset = this.byOwner.get(owner);
    return offset === undefined ? undefined : ipToString(base | offset);
  }

  release(owner: string): void {
    const offset = this.byOwner.get(owner);
    if (offset === undefined) return;
    this.byOwner.delete(owner);
    this.taken.delete(offset);
  }
}
