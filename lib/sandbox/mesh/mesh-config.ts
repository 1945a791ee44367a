import type { ClusterClient } from '../apiserver/cluster-client';
import { resources } from '../apiserver/cluster-client';
import type { ResourceRef } from '../apiserver/types';
import { Informer } from '../controllers/informer';
import { buildMeshSnapshot, type MeshObjects, type MeshSnapshot } from './mesh-snapshot';

/** Istio's networking resources the mesh watches (v1, the version Bookinfo's samples use). */
export const istioResources = {
  virtualServices: { group: 'networking.istio.io', version: 'v1', resource: 'virtualservices' },
  destinationRules: { group: 'networking.istio.io', version: 'v1', resource: 'destinationrules' },
  gateways: { group: 'networking.istio.io', version: 'v1', resource: 'gateways' },
} as const satisfies Record<string, ResourceRef>;

const watched = {
  services: resources.services,
  endpoints: resources.endpoints,
  pods: resources.pods,
  namespaces: resources.namespaces,
  configMaps: resources.configmaps,
  ...istioResources,
} as const satisfies Record<keyof MeshObjects, ResourceRef>;

/**
 * The mesh's view of the cluster (what istiod pushes to every proxy), kept current by watches
 * through the in-process API client. A change only marks the view stale; the next request
 * rebuilds it, so a burst of writes costs one rebuild and a write is visible to the very next
 * request after its watch event (no polling, no debounce delay).
 */
export class MeshConfig {
  private readonly informers: Record<keyof MeshObjects, Informer>;
  private current: MeshSnapshot | undefined;
  private generationCount = 0;
  private readonly changeListeners: Array<() => void> = [];

  constructor(client: ClusterClient, onError: (error: unknown) => void = () => {}) {
    const informers = {} as Record<keyof MeshObjects, Informer>;
    for (const [name, ref] of Object.entries(watched) as [keyof MeshObjects, ResourceRef][]) {
      const informer = new Informer(client, ref, onError);
      informer.onChange(() => this.invalidate());
      informers[name] = informer;
    }
    this.informers = informers;
  }

  /** Lists every watched resource (synchronously) and starts the watches. */
  start(): void {
    for (const informer of Object.values(this.informers)) informer.start();
    this.invalidate();
  }

  stop(): void {
    for (const informer of Object.values(this.informers)) informer.stop();
  }

  /** Called after every change the watches deliver (the snapshot is already stale then). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** How many times the view has changed since start; tests and measurements read it. */
  get generation(): number {
    return this.generationCount;
  }

  /** The current immutable snapshot; a request keeps the one it got. */
  snapshot(): MeshSnapshot {
    if (!this.current) {
      const objects = {} as Record<keyof MeshObjects, ReturnType<Informer['list']>>;
      for (const name of Object.keys(this.informers) as (keyof MeshObjects)[]) {
        objects[name] = this.informers[name].list();
      }
      this.current = buildMeshSnapshot(objects);
    }
    return this.current;
  }

  private invalidate(): void {
    this.current = undefined;
    this.generationCount++;
    for (const listener of this.changeListeners) listener();
  }
}
