/**
 * What an authorizer decides about: the attributes kube-apiserver derives from every request
 * (`authorizer.Attributes`), and the mapping from an HTTP request to them (`RequestInfoFactory`).
 */
import { ApiError } from '@/lib/sandbox/apiserver/errors';
import { fieldSelectorExactName } from './field-selector-name';

/** A request on an API resource: `/api/...` or `/apis/...` with at least a resource in the path. */
export interface ResourceAttributes {
  resourceRequest: true;
  /** get, list, watch, create, update, patch, delete, deletecollection, proxy, or a special verb. */
  verb: string;
  /** "" for the core group. */
  apiGroup: string;
  /** "*" when a review does not say; informational, RBAC never matches on it. */
  apiVersion: string;
  resource: string;
  subresource: string;
  /** "" for cluster-scoped requests (and for lists across all namespaces). */
  namespace: string;
  /** "" when the request names no object (create, list, deletecollection). */
  name: string;
}

/** Any other request: discovery, `/version`, `/healthz`, `/openapi/v2`, ... */
export interface NonResourceAttributes {
  resourceRequest: false;
  /** The lower-cased HTTP method: get, post, put, delete, head, ... */
  verb: string;
  path: string;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

/** Builds resource attributes, with Kubernetes' "" for everything not given. */
export function resourceAttributes(
  fields: Partial<Omit<ResourceAttributes, 'resourceRequest'>> & { verb: string; resource: string },
): ResourceAttributes {
  return {
    resourceRequest: true,
    apiGroup: '',
    apiVersion: '*',
    subresource: '',
    namespace: '',
    name: '',
    ...fields,
  };
}

export function nonResourceAttributes(verb: string, path: string): NonResourceAttributes {
  return { resourceRequest: false, verb, path };
}

// Verbs a path can carry in place of the HTTP method (`/api/v1/watch/...`, `/api/v1/proxy/...`).
const pathVerbs = new Set(['proxy', 'watch']);
// proxy's remaining path is the proxied path, never a subresource.
const pathVerbsWithoutSubresource = new Set(['proxy']);
// The only things after /namespaces/NAME that are the namespace's own subresources, not resources in it.
const namespaceSubresources = new Set(['status', 'finalize']);

const verbByMethod: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/**
 * Maps an HTTP request to authorization attributes exactly as kube-apiserver's RequestInfoFactory
 * does. Paths under `/api/VERSION/...` and `/apis/GROUP/VERSION/...` are resource requests; every
 * other path (`/version`, `/api`, `/apis/apps/v1`, `/openapi/v2`) is a non-resource request whose
 * verb is the lower-cased method. GET without a name is list (or watch with `?watch=` anything but
 * "0"/"false", or a `/watch/` path), and a list whose fieldSelector pins `metadata.name` carries
 * that name, so resourceNames rules can allow it. DELETE without a name is deletecollection.
 *
 * Throws the ApiError kube-apiserver answers (500) for a bare `/api/v1/watch`.
 */
export function attributesFromRequest(
  method: string,
  path: string,
  query: URLSearchParams,
): RequestAttributes {
  const upperMethod = method.toUpperCase();
  let parts = splitPath(path);
  const nonResource = nonResourceAttributes(method.toLowerCase(), path);
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) return nonResource;

  const groupless = parts[0] === 'api';
  parts = parts.slice(1);
  let apiGroup = '';
  if (!groupless) {
    // "/apis/GROUP/VERSION" alone is group discovery, not a resource.
    if (parts.length < 3) return nonResource;
    apiGroup = parts[0]!;
    parts = parts.slice(1);
  }
  const apiVersion = parts[0]!;
  parts = parts.slice(1);

  let verb: string;
  if (pathVerbs.has(parts[0]!)) {
    if (parts.length < 2) {
      throw new ApiError(
        500,
        'InternalError',
        `unable to determine kind and namespace from url, ${path}`,
      );
    }
    verb = parts[0]!;
    parts = parts.slice(1);
  } else {
    verb = verbByMethod[upperMethod] ?? '';
  }

  let namespace = '';
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1]!;
    // "/namespaces/NS/pods/..." is about pods in NS; "/namespaces/NS" and "/namespaces/NS/status"
    // stay about the namespace object itself.
    if (parts.length > 2 && !namespaceSubresources.has(parts[2]!)) parts = parts.slice(2);
  }

  const resource = parts[0] ?? '';
  let name = parts[1] ?? '';
  const subresource = parts.length >= 3 && !pathVerbsWithoutSubresource.has(verb) ? parts[2]! : '';

  if (name === '' && verb === 'get') {
    const listOptions = decodeListOptions(query);
    verb = listOptions.watch ? 'watch' : 'list';
    if (listOptions.exactName !== undefined && isValidPathSegmentName(listOptions.exactName)) {
      name = listOptions.exactName;
    }
  }
  if (name === '' && verb === 'delete') verb = 'deletecollection';

  return {
    resourceRequest: true,
    verb,
    apiGroup,
    apiVersion,
    resource,
    subresource,
    namespace,
    name,
  };
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

/**
 * The two list options authorization reads. When the field selector does not parse, Kubernetes'
 * decoding fails as a whole: the request stays a list (or watch, read from the raw parameter)
 * without a name.
 */
function decodeListOptions(query: URLSearchParams): { watch: boolean; exactName?: string } {
  const watchValues = query.getAll('watch');
  const watch = watchValues.length > 0 && !isFalse(watchValues[0]!);
  const fieldSelector = query.get('fieldSelector');
  if (fieldSelector === null) return { watch };
  const exact = fieldSelectorExactName(fieldSelector);
  return exact.ok ? { watch, exactName: exact.name } : { watch };
}

function isFalse(value: string): boolean {
  return value === '0' || value.toLowerCase() === 'false';
}

/** `path.IsValidPathSegmentName`: a name that can be a URL path segment. */
function isValidPathSegmentName(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');
}
