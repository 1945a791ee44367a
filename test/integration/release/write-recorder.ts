import type { ResourceService } from '@/lib/sandbox/apiserver/core/resource-service';

/**
 * Every write request (create, update, patch) the sandbox's API server serves, as it reaches its
 * resource service, with the field manager (the writer's User-Agent program: `aviary-controller`
 * for the release controller). A write that changes nothing is counted too: the API server stores
 * nothing and tells no watcher, but the controller still decided to write, which is what the
 * "changed or not" comparison is about.
 */

export interface RecordedWrite {
  verb: 'create' | 'update' | 'patch';
  /** `virtualservices`, `deployments`, `releasejobs`... */
  plural: string;
  name: string;
  manager: string;
  subresource?: string;
}

export interface WriteRecorder {
  writes: RecordedWrite[];
  /** The writes of one object by one manager (the controller by default). */
  of(plural: string, name: string, manager?: string): RecordedWrite[];
  stop(): void;
}

/** Starts recording the write requests `service` serves from now on. */
export function recordWrites(service: ResourceService): WriteRecorder {
  const writes: RecordedWrite[] = [];
  const original = { create: service.create, update: service.update, patch: service.patch };
  const target = service as unknown as Record<keyof typeof original, unknown>;
  target.create = function (this: ResourceService, ...args: Parameters<ResourceService['create']>) {
    const [type, , , body, ctx] = args;
    writes.push({
      verb: 'create',
      plural: type.plural,
      name: body.metadata?.name ?? '',
      manager: ctx.fieldManager,
    });
    return original.create.apply(this, args);
  };
  target.update = function (this: ResourceService, ...args: Parameters<ResourceService['update']>) {
    const [type, , , name, , ctx, subresource] = args;
    writes.push({
      verb: 'update',
      plural: type.plural,
      name,
      manager: ctx.fieldManager,
      ...(subresource ? { subresource } : {}),
    });
    return original.update.apply(this, args);
  };
  target.patch = function (this: ResourceService, ...args: Parameters<ResourceService['patch']>) {
    const [type, , , name, , , ctx, options] = args;
    writes.push({
      verb: 'patch',
      plural: type.plural,
      name,
      manager: ctx.fieldManager,
      ...(options?.subresource ? { subresource: options.subresource } : {}),
    });
    return original.patch.apply(this, args);
  };
  return {
    writes,
    of: (plural, name, manager = 'aviary-controller') =>
      writes.filter((w) => w.plural === plural && w.name === name && w.manager === manager),
    stop: () => {
      delete target.create;
      delete target.update;
      delete target.patch;
    },
  };
}
