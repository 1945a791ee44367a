import { z } from 'zod';
import { apiErrorSchema } from './api-error-schema';
import type { Endpoint } from './endpoint';

/**
 * The OpenAPI 3.1 document of the console's API, generated from the endpoint catalog's zod
 * schemas (JSON Schema 2020-12, which OpenAPI 3.1 uses), so the document cannot drift from what
 * the handlers accept.
 */

const errorDescriptions: Record<number, string> = {
  400: 'Bad request: invalid JSON, path or query parameters',
  401: 'Not signed in, or the session ended',
  403: 'Forbidden: the cluster refused the signed-in person, or the Origin is not the console',
  404: 'Not found',
  409: 'Conflict: exists already, or changed by someone else',
  413: 'The request body is too large',
  415: 'The request body is not JSON',
  422: 'Invalid input: one issue per field',
  429: 'Too many failed sign-ins: wait as Retry-After says',
  503: 'The Kubernetes API server cannot be reached',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

function parameters(e: Endpoint): object[] {
  const out: object[] = [];
  for (const [where, schema] of [
    ['path', e.params],
    ['query', e.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input') as {
      properties?: Record<string, object>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return out;
}

const sessionStatuses = (e: Endpoint) => (e.access === 'public' ? [] : [401]);
const adminStatuses = (e: Endpoint) => (e.access === 'platformAdmin' ? [403] : []);
const writeStatuses = (e: Endpoint) => (e.method === 'GET' ? [] : [403, 415]);

export function openApiDocument(endpoints: readonly Endpoint[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const e of endpoints) {
    const statuses = [
      ...new Set([...e.errors, ...sessionStatuses(e), ...adminStatuses(e), ...writeStatuses(e)]),
    ].sort();
    const success = e.successStatus ?? 200;
    const responses: Record<string, object> = {
      [String(success)]: {
        description: success === 204 ? 'Done, no content' : 'Success',
        ...(e.stream
          ? { content: { [e.stream]: { schema: { type: 'string' } } } }
          : e.result
            ? { content: { 'application/json': { schema: jsonSchema(e.result, 'output') } } }
            : {}),
      },
    };
    for (const status of statuses) {
      responses[String(status)] = {
        description: errorDescriptions[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[e.path] ??= {};
    paths[e.path]![e.method.toLowerCase()] = {
      operationId: e.id,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      tags: [e.tag],
      ...(e.access === 'public' ? { security: [] } : {}),
      parameters: parameters(e),
      ...(e.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(e.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Aviary console API',
      version,
      description:
        "The JSON API of the Aviary console. Sign in with POST /api/auth/sign-in; the session cookie it sets authenticates the rest. Requests that change something must send JSON and, from a browser, the console's own Origin.",
    },
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'aviary-session' } },
      schemas: { Error: jsonSchema(apiErrorSchema, 'output') },
    },
  };
}
