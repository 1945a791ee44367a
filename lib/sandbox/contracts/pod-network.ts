/**
 * The sandbox's pod network. Pods get IP-like addresses (status.podIP, 10.244.x.y) as on a
 * cluster, but really listen on loopback ports; this maps one to the other. The workload runtime
 * registers what each pod listens on; the data plane and the gateway dial through it.
 */
export interface PodNetwork {
  /** Makes `podIP:containerPort` reachable at 127.0.0.1:`loopbackPort`. */
  register(podIP: string, containerPort: number, loopbackPort: number): void;
  unregister(podIP: string, containerPort?: number): void;
  /** The loopback port behind `podIP:containerPort`, if anything listens there. */
  resolve(podIP: string, containerPort: number): number | undefined;
}

/** The plain in-memory PodNetwork. */
export class LoopbackPodNetwork implements PodNetwork {
  private readonly ports = new Map<string, number>();

  register(podIP: string, containerPort: number, loopbackPort: number): void {
    this.ports.set(`${podIP}:${containerPort}`, loopbackPort);
  }

  unregister(podIP: string, containerPort?: number): void {
    for (const key of [...this.ports.keys()]) {
      if (
        containerPort === undefined
          ? key.startsWith(`${podIP}:`)
          : key === `${podIP}:${containerPort}`
      )
        this.ports.delete(key);
    }
  }

  resolve(podIP: string, containerPort: number): number | undefined {
    return this.ports.get(`${podIP}:${containerPort}`);
  }
}
