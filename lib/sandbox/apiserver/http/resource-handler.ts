import type { IncomingMessage, ServerResponse } from 'node:http';
import { deleteResource, type DependentsIndex } from '../core/deletion';
import type { ResourceService } from '../core/resource-service';
import type { RequestUser, WriteContext } from '../core/request-context';
import { badRequest, methodNotAllowed, notFound } from '../errors';
import { patchTypeFromContentType } from '../patch/patch-type';
import { isVirtualResource } from '../registry/builtin-resources';
import { groupVersion, hasStatusSubresource, type ResourceType } from '../registry/resource-type';
import type { KubeObject } from '../types';
import { readBody, readObjectBody } from './body';
import type { AccessReviewer, LogSource } from './plugins';
import { booleanParam, optionalInt, writeOptionsFromQuery } from './query';
import { listJson, sendJson, successStatus } from './respond';
import { applyScale, toScale } from './scale';
import type { RequestTarget } from './request-info';
import { tableContentType, toTable, wantsTable, type JsonPathEvaluator } from './table';
import { serveWatch } from './watch-handler';

/** A request on a resource path, as parseRequestPath found it. */
export type ResourceRequest = Extract<RequestTarget, { kind: 'resource' }>;

export interface ResourceHandlerDeps {
  service: ResourceService;
  dependents: DependentsIndex;
  reviewer: AccessReviewer;
  logs: LogSource;
  jsonPath: JsonPathEvaluator;
  openWatches: Set<() => void>;
}

/** Serves one request on a resource path: the verb from the method, the subresource, the format. */
export async function handleResource(
  deps: ResourceHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  target: ResourceRequest,
  query: URLSearchParams,
  user: RequestUser,
): Promise<void> {
  const { service } = deps;
  const type = service.registry.lookup(target.group, target.version, target.resource);
  if (!type) {
    // As kube-apiserver's mux answers a path no API serves (a CRD not installed): plain text, no
    // Status, which is how clients tell "no such kind" from "no such object".
    res.writeHead(404, {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
    });
    res.end('404 page not found\n');
    return;
  }
  const { version, name, subresource } = target;
  const namespace = type.namespaced ? target.namespace : '';
  if (type.namespaced && name && !namespace) throw notFound(type.group, type.plural, name);
  const method = req.method ?? 'GET';
  const asTable = wantsTable(req.headers.accept);

  if (subresource && !isServedSubresource(type, version, subresource))
    throw notFound(type.group, `${type.plural}/${subresource}`, name ?? '');

  if (isVirtualResource(type)) {
    if (method !== 'POST' || name) throw methodNotAllowed();
    const body = (await readObjectBody(req)) as KubeObject;
    checkReviewIdentity(type, version, body);
    const answer = deps.reviewer.review(type.kind, body, user, target.namespace);
    sendJson(res, 201, {
      ...answer,
      apiVersion: groupVersion(type.group, version),
      kind: type.kind,
    });
    return;
  }

  const write = (): WriteContext => ({
    user,
    ...writeOptionsFromQuery(query, req.headers['user-agent']),
    warnings: [],
  });

  switch (method) {
    case 'GET': {
      if (!name) {
        if (booleanParam(query, 'watch')) {
          serveWatch(service, req, res, {
            type,
            version,
            namespace,
            query,
            asTable,
            jsonPath: deps.jsonPath,
            openWatches: deps.openWatches,
          });
          return;
        }
        const list = service.list(type, version, namespace, {
          labelSelector: query.get('labelSelector') ?? undefined,
          fieldSelector: query.get('fieldSelector') ?? undefined,
          limit: optionalInt(query, 'limit'),
          continueToken: query.get('continue') ?? undefined,
        });
        const listMeta = {
          resourceVersion: list.resourceVersion,
          ...(list.continueToken
            ? { continue: list.continueToken, remainingItemCount: list.remainingItemCount }
            : {}),
        };
        if (asTable) {
          const { resourceVersion: _rv, ...rest } = listMeta;
          sendJson(
            res,
            200,
            toTable(
              type,
              version,
              list.items,
              list.resourceVersion,
              deps.jsonPath,
              query.get('includeObject'),
              rest,
            ),
            tableContentType,
          );
        } else {
          sendJson(
            res,
            200,
            listJson(type.listKind, groupVersion(type.group, version), listMeta, list.items),
          );
        }
        return;
      }
      if (subresource === 'log') {
        service.getStored(type, namespace, name);
        const text = deps.logs.read(namespace, name, {
          container: query.get('container') ?? undefined,
          tailLines: optionalInt(query, 'tailLines'),
          previous: booleanParam(query, 'previous'),
          timestamps: booleanParam(query, 'timestamps'),
        });
        res.writeHead(200, {
          'content-type': 'text/plain',
          'content-length': String(Buffer.byteLength(text ?? '')),
        });
        res.end(text ?? '');
        return;
      }
      const object = service.get(type, version, namespace, name);
      if (subresource === 'scale') return sendJson(res, 200, toScale(type, version, object));
      if (asTable && !subresource) {
        return sendJson(
          res,
          200,
          toTable(
            type,
            version,
            [object],
            object.metadata.resourceVersion ?? '',
            deps.jsonPath,
            query.get('includeObject'),
          ),
          tableContentType,
        );
      }
      return sendJson(res, 200, object);
    }
    case 'POST': {
      if (name) throw methodNotAllowed();
      const ctx = write();
      const body = (await readObjectBody(req)) as KubeObject;
      const created = service.create(type, version, namespace, body, ctx);
      return sendJson(res, 201, created, 'application/json', ctx.warnings);
    }
    case 'PUT': {
      if (!name) throw methodNotAllowed();
      const ctx = write();
      const body = (await readObjectBody(req)) as KubeObject;
      if (subresource === 'scale') {
        const current = service.get(type, version, namespace, name);
        const next = applyScale(type, version, current, body);
        const updated = service.update(type, version, namespace, name, next, ctx);
        return sendJson(
          res,
          200,
          toScale(type, version, updated),
          'application/json',
          ctx.warnings,
        );
      }
      const updated = service.update(
        type,
        version,
        namespace,
        name,
        body,
        ctx,
        subresource === 'status' ? 'status' : undefined,
      );
      return sendJson(res, 200, updated, 'application/json', ctx.warnings);
    }
    case 'PATCH': {
      if (!name) throw methodNotAllowed();
      const ctx = write();
      const patchType = patchTypeFromContentType(req.headers['content-type'], !type.custom);
      if (patchType === 'apply' && !query.get('fieldManager')) {
        throw badRequest(
          'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        );
      }
      const text = await readBody(req);
      if (subresource === 'scale') {
        const current = service.get(type, version, namespace, name);
        const scale = toScale(type, version, current);
        const patchedScale = service.patchDocument(
          type,
          version,
          patchType,
          scale,
          text,
          ctx,
          booleanParam(query, 'force'),
        );
        const next = applyScale(type, version, current, patchedScale);
        const updated = service.update(type, version, namespace, name, next, ctx);
        return sendJson(
          res,
          200,
          toScale(type, version, updated),
          'application/json',
          ctx.warnings,
        );
      }
      const { object, created } = service.patch(
        type,
        version,
        namespace,
        name,
        patchType,
        text,
        ctx,
        {
          subresource: subresource === 'status' ? 'status' : undefined,
          force: booleanParam(query, 'force'),
        },
      );
      return sendJson(res, created ? 201 : 200, object, 'application/json', ctx.warnings);
    }
    case 'DELETE': {
      const text = await readBody(req);
      const options = deleteOptions(text, query);
      if (!name) {
        const list = service.list(type, version, namespace, {
          labelSelector: query.get('labelSelector') ?? undefined,
          fieldSelector: query.get('fieldSelector') ?? undefined,
        });
        const deleted = list.items.map(
          (item) =>
            deleteResource(
              service,
              deps.dependents,
              type,
              version,
              item.metadata.namespace ?? '',
              item.metadata.name!,
              options,
            ).object,
        );
        return sendJson(res, 200, {
          kind: type.listKind,
          apiVersion: groupVersion(type.group, version),
          metadata: {},
          items: deleted,
        });
      }
      const outcome = deleteResource(
        service,
        deps.dependents,
        type,
        version,
        namespace,
        name,
        options,
      );
      if (outcome.removed && !outcome.object) {
        return sendJson(res, 200, successStatus({ name, group: type.group, kind: type.plural }));
      }
      // kube-apiserver answers 202 only when the object stays and the client asked for cascading
      // deletion with orphanDependents=false; an object held by finalizers is 200 with the object.
      const accepted = !outcome.removed && options.orphanDependents === false;
      return sendJson(res, accepted ? 202 : 200, outcome.object);
    }
    default:
      throw methodNotAllowed();
  }
}

function isServedSubresource(type: ResourceType, version: string, subresource: string): boolean {
  if (subresource === 'status')
    return (
      hasStatusSubresource(type, version) || (type.group === '' && type.plural === 'namespaces')
    );
  return (
    type.extraSubresources.includes(subresource) ||
    (subresource === 'finalize' && type.plural === 'namespaces')
  );
}

/** DeleteOptions from the body (kubectl) or the query (client-node), as kube-apiserver accepts both. */
function deleteOptions(text: string, query: URLSearchParams) {
  let body: Record<string, unknown> = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw badRequest('the DeleteOptions in the request body are not valid JSON');
    }
  }
  const policy =
    (body.propagationPolicy as string | undefined) ?? query.get('propagationPolicy') ?? undefined;
  if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
    throw badRequest(
      `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  const orphanQuery = query.get('orphanDependents');
  const orphan =
    body.orphanDependents ??
    (orphanQuery === 'true' ? true : orphanQuery === 'false' ? false : undefined);
  const grace = body.gracePeriodSeconds ?? optionalInt(query, 'gracePeriodSeconds');
  const dryRun = [...((body.dryRun as string[] | undefined) ?? []), ...query.getAll('dryRun')];
  return {
    propagationPolicy: (policy ?? (orphan === true ? 'Orphan' : undefined)) as
      'Background' | 'Foreground' | 'Orphan' | undefined,
    gracePeriodSeconds: grace as number | undefined,
    preconditions: body.preconditions as { uid?: string; resourceVersion?: string } | undefined,
    dryRun: dryRun.includes('All'),
    orphanDependents: typeof orphan === 'boolean' ? orphan : undefined,
  };
}

/**
 * A review's body must be an object of the review's own kind and version when it names them, as
 * kube-apiserver's create handler refuses a body whose apiVersion it does not serve at that path
 * or that decodes to another kind (400). Omitted apiVersion and kind default to the path's.
 */
function checkReviewIdentity(type: ResourceType, version: string, body: KubeObject): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(`the body of the ${type.kind} must be a JSON object`);
  }
  const expected = groupVersion(type.group, version);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== undefined && body.kind !== type.kind) {
    throw badRequest(
      `the kind in the data (${String(body.kind)}) does not match the expected kind (${type.kind})`,
    );
  }
}
