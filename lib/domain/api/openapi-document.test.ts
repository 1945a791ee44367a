import { describe, expect, it } from 'vitest';
import { allEndpoints } from './endpoints';
import { openApiDocument } from './openapi-document';

interface Operation {
  operationId: string;
  security?: unknown[];
  parameters: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { required: boolean; content: Record<string, { schema: object }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: object }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

const document = openApiDocument(allEndpoints, '1.2.3') as Document;
const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, operation]) => ({ path, method, operation })),
);
const operationOf = (id: string) => operations.find((o) => o.operation.operationId === id)!;
const errorRef = { $ref: '#/components/schemas/Error' };

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the given version', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('1.2.3');
  });

  it('has exactly one operation per catalog endpoint, with its id, path and method', () => {
    expect(operations.map((o) => o.operation.operationId).sort()).toEqual(
      allEndpoints.map((e) => e.id).sort(),
    );
    for (const e of allEndpoints) {
      expect(operationOf(e.id)).toMatchObject({ path: e.path, method: e.method.toLowerCase() });
    }
  });

  it.each(allEndpoints.map((e) => [e.id, e] as const))('%s: path parameters', (id, e) => {
    const inPath = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const declared = operationOf(id).operation.parameters.filter((p) => p.in === 'path');
    expect(declared.map((p) => p.name).sort()).toEqual([...inPath].sort());
    for (const p of declared) {
      expect(p.required).toBe(true);
      expect(p.schema).toMatchObject({ type: 'string' });
    }
  });

  it.each(allEndpoints.map((e) => [e.id, e] as const))('%s: request body and answers', (id, e) => {
    const { operation } = operationOf(id);
    if (e.body) {
      expect(operation.requestBody?.required).toBe(true);
      // An object, or a choice of objects (sign-in: a password or a token).
      const schema = operation.requestBody?.content['application/json']?.schema as {
        type?: string;
        anyOf?: { type?: string }[];
      };
      for (const each of schema.anyOf ?? [schema]) expect(each.type).toBe('object');
    } else {
      expect(operation.requestBody).toBeUndefined();
    }
    const success = String(e.successStatus ?? 200);
    expect(operation.responses).toHaveProperty(success);
    const content = operation.responses[success]!.content;
    if (e.stream) expect(content).toHaveProperty([e.stream]);
    else if (e.result) expect(content?.['application/json']?.schema).toBeTypeOf('object');
    else expect(content).toBeUndefined();
    const errors = Object.keys(operation.responses).filter((s) => s !== success);
    for (const status of e.errors) expect(errors).toContain(String(status));
    if (e.access !== 'public') expect(errors).toContain('401');
    if (e.access === 'platformAdmin') expect(errors).toContain('403');
    if (e.method !== 'GET') expect(errors).toEqual(expect.arrayContaining(['403', '415']));
    for (const status of errors) {
      expect(Number(status)).toBeGreaterThanOrEqual(400);
      expect(operation.responses[status]!.content?.['application/json']?.schema).toEqual(errorRef);
    }
    if (e.access === 'public') expect(operation.security).toEqual([]);
    else expect(operation.security).toBeUndefined();
  });

  it('has the one Error schema: code, message and field issues', () => {
    const error = document.components.schemas.Error!;
    expect(error).toMatchObject({
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: expect.arrayContaining(['Invalid', 'Forbidden']) },
            message: { type: 'string' },
            issues: {
              type: 'array',
              items: { type: 'object', required: ['path', 'message'] },
            },
          },
        },
      },
    });
  });

  it('is plain JSON with no JSON Schema dialect marker inside an operation', () => {
    const text = JSON.stringify(document);
    expect(JSON.parse(text)).toEqual(document);
    expect(text).not.toContain('"$schema"');
  });
});
