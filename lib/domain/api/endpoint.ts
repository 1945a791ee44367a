import type { z } from 'zod';

/**
 * One route of the console's JSON API, described once: the route handler validates with these
 * schemas, the OpenAPI document is generated from them, the browser's client modules use the same
 * path and schemas, and the authorization matrix test walks every endpoint.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call: anyone, a signed-in person (the cluster's RBAC decides the rest), or platform admins only. */
export type EndpointAccess = 'public' | 'signedIn' | 'platformAdmin';

export interface Endpoint<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Result extends z.ZodType = z.ZodType,
> {
  id: string;
  method: HttpMethod;
  /** OpenAPI style: `/api/projects/{ns}/members`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: EndpointAccess;
  params?: Params;
  query?: Query;
  body?: Body;
  /** The success answer's schema; undefined for 204 and for streams. */
  result?: Result;
  /** 200 unless said otherwise (201 for creations, 204 for no content). */
  successStatus?: 200 | 201 | 204;
  /** The answer is a stream (`text/event-stream`), not JSON. */
  stream?: 'text/event-stream';
  /** Largest request body accepted, in bytes (413 above it). */
  maxBodyBytes?: number;
  /** Error statuses this route can answer, for the document (401/403/415 etc. are added by access). */
  errors: readonly number[];
}

/** Declares an endpoint, keeping its exact schemas in the type (handlers infer params and body from them). */
export function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

/** `/api/projects/{ns}` with `{ ns: 'a b' }` -> `/api/projects/a%20b`. */
export function pathOf(e: Pick<Endpoint, 'path'>, params: Record<string, string> = {}): string {
  return e.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${e.path}`);
    return encodeURIComponent(value);
  });
}

export const isMutating = (method: HttpMethod) => method !== 'GET';
