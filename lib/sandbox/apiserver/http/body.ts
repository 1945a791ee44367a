import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, requestEntityTooLarge, unsupportedMediaType } from '../errors';
import {
  decodeProtobufBody,
  hasProtobufMagic,
  protobufMediaType,
  protobufRefused,
} from './protobuf-body';

/** kube-apiserver's default limit for a request body. */
export const maxBodyBytes = 3 * 1024 * 1024;

/** Reads the whole body, refusing more than the limit with 413 before buffering it all. */
async function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw requestEntityTooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw requestEntityTooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads the whole body as text (patches, delete options). Those are never decoded from protobuf:
 * kubectl sends them as JSON, so a protobuf one gets 415.
 */
export async function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<string> {
  const buffer = await readBodyBytes(req, limit);
  if (hasProtobufMagic(buffer)) throw protobufRefused('patches and delete options');
  return buffer.toString('utf8');
}

/**
 * Reads and parses the object of a POST or PUT: JSON, YAML when the client says so, or
 * Kubernetes protobuf, which kubectl 1.32+ sends for its imperative `create` generators,
 * `auth can-i` and `auth whoami` (decoded for those kinds, see protobuf-body.ts).
 */
export async function readObjectBody(req: IncomingMessage, limit = maxBodyBytes): Promise<unknown> {
  const buffer = await readBodyBytes(req, limit);
  if (mediaType(req) === protobufMediaType || hasProtobufMagic(buffer)) {
    return decodeProtobufBody(buffer);
  }
  return parseObjectBody(req, buffer.toString('utf8'));
}

function mediaType(req: IncomingMessage): string {
  return String(req.headers['content-type'] ?? 'application/json')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/** Parses a POST or PUT body in text: JSON, or YAML when the client says so. */
function parseObjectBody(req: IncomingMessage, text: string): unknown {
  const type = mediaType(req);
  if (type !== 'application/json' && type !== 'application/yaml' && type !== '*/*' && type !== '') {
    throw unsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  }
  if (text.trim() === '') throw badRequest('the request body is empty; an object was expected');
  try {
    return type === 'application/yaml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw badRequest(
      `the request body is not valid ${type === 'application/yaml' ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
}
