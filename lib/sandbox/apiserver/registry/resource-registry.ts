import type { KubeObject } from '../types';
import { builtinResources } from './builtin-resources';
import { resourceTypeFromCrd } from './crd-to-resource-type';
import { findVersion, storageKey, type ResourceType } from './resource-type';

/**
 * The resources the server serves right now: the built-ins plus one entry per established
 * CustomResourceDefinition. Discovery and routing read it; CRD writes change it.
 */
export class ResourceRegistry {
  private readonly byKey = new Map<string, ResourceType>();
  private readonly listeners = new Set<() => void>();

  constructor() {
    for (const type of builtinResources) this.byKey.set(storageKey(type), type);
  }

  /** The type serving `group/version/plural`, if that version is served. */
  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    const type = this.byKey.get(`${group}/${plural}`);
    return type && findVersion(type, version) ? type : undefined;
  }

  byStorageKey(key: string): ResourceType | undefined {
    return this.byKey.get(key);
  }

  byKind(group: string, kind: string): ResourceType | undefined {
    for (const type of this.byKey.values())
      if (type.group === group && type.kind === kind) return type;
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.byKey.values()];
  }

  /** Group names in discovery order: the core group first, then built-in groups, then CRD groups. */
  groups(): Array<{ name: string; versions: string[] }> {
    const order: string[] = [];
    const versions = new Map<string, string[]>();
    for (const type of this.byKey.values()) {
      if (!versions.has(type.group)) {
        order.push(type.group);
        versions.set(type.group, []);
      }
      const list = versions.get(type.group)!;
      for (const v of type.versions) if (v.served && !list.includes(v.name)) list.push(v.name);
    }
    return order.map((name) => ({ name, versions: versions.get(name)! }));
  }

  /** Serves (or re-serves, after an update) the resource a CRD defines. */
  applyCrd(crd: KubeObject): ResourceType {
    const type = resourceTypeFromCrd(crd);
    this.byKey.set(storageKey(type), type);
    this.notify();
    return type;
  }

  removeCrd(crd: KubeObject): void {
    const type = resourceTypeFromCrd(crd);
    if (this.byKey.get(storageKey(type))?.custom) {
      this.byKey.delete(storageKey(type));
      this.notify();
    }
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
