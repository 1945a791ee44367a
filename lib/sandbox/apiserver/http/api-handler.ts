import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, unauthorized } from '../errors';
import {
  aggregatedDiscovery,
  aggregatedDiscoveryType,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  openApiV2Body,
  openApiV2ContentType,
  serverVersion,
  wantsAggregatedDiscovery,
} from './discovery';
import type { Authenticator, Authorizer } from './plugins';
import { parseRequestPath } from './request-info';
import { handleResource, type ResourceHandlerDeps } from './resource-handler';
import { sendError, sendJson } from './respond';

export interface ApiHandlerDeps extends ResourceHandlerDeps {
  authenticator: Authenticator;
  authorizer: Authorizer;
}

const notFoundStatus = () =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

/**
 * The API server's request pipeline: authenticate, authorize, then serve discovery, OpenAPI,
 * version or a resource. Every failure is a Status with the code and reason Kubernetes uses.
 */
export function createApiHandler(deps: ApiHandlerDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void serve(deps, req, res).catch((error) => sendError(res, error));
  };
}

async function serve(
  deps: ApiHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://sandbox');
  const user = deps.authenticator.authenticate(req);
  if (!user) throw unauthorized();
  const denied = deps.authorizer.check(user, req.method ?? 'GET', url.pathname, url.searchParams);
  if (denied) throw denied;

  const target = parseRequestPath(url.pathname);
  const registry = deps.service.registry;
  const accept = req.headers.accept;
  switch (target.kind) {
    case 'version':
      return sendJson(res, 200, serverVersion);
    case 'health':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    case 'core-root':
      if (wantsAggregatedDiscovery(accept))
        return sendJson(res, 200, aggregatedDiscovery(registry, true), aggregatedDiscoveryType);
      return sendJson(res, 200, apiVersions());
    case 'groups-root':
      if (wantsAggregatedDiscovery(accept))
        return sendJson(res, 200, aggregatedDiscovery(registry, false), aggregatedDiscoveryType);
      return sendJson(res, 200, apiGroupList(registry));
    case 'group': {
      const group = apiGroup(registry, target.group);
      if (!group) throw notFoundStatus();
      return sendJson(res, 200, group);
    }
    case 'group-version': {
      const list = apiResourceList(registry, target.group, target.version);
      if (!list) throw notFoundStatus();
      return sendJson(res, 200, list);
    }
    case 'openapi-v2':
      res.writeHead(200, {
        'content-type': openApiV2ContentType,
        'content-length': String(openApiV2Body.length),
      });
      res.end(openApiV2Body);
      return;
    case 'openapi-v3':
      // Without /openapi/v3, kubectl 1.29+ falls back to /openapi/v2, which serves every version.
      throw notFoundStatus();
    case 'resource':
      return handleResource(deps, req, res, target, url.searchParams, user);
    default:
      throw notFoundStatus();
  }
}
