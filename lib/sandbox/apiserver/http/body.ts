import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, requestEntityTooLarge, unsupportedMediaType } from '../errors';

/** kube-apiserver's default limit for a request body. */
export const maxBodyBytes = 3 * 1024 * 1024;

/** Reads the whole body as text, refusing more than the limit with 413 before buffering it all. */
export async function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<string> {
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
  const buffer = Buffer.concat(chunks);
  if (buffer.length >= 4 && buffer.subarray(0, 4).equals(Buffer.from('k8s\0', 'binary'))) {
    throw protobufRefused();
  }
  return buffer.toString('utf8');
}

/**
 * kubectl 1.32+ sends protobuf for its imperative `create` generators, `auth can-i` and `auth
 * whoami`. The sandbox speaks JSON only, so it says how to get the same result: through `kubectl
 * apply`, or with kubectl 1.31 or older. gcloud's kubectl dispatcher on these machines picks 1.31
 * for `kubectl version` against this server but runs its default 1.32 for `kubectl create`.
 */
export function protobufRefused(): ApiError {
  return unsupportedMediaType(
    'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml ' +
      '(this sandbox does not decode protobuf; kubectl 1.32+ sends it for imperative create, `auth can-i` and ' +
      '`auth whoami`: use kubectl 1.31 or older, or `kubectl create ... --dry-run=client -o yaml | kubectl apply -f -`)',
  );
}

function mediaType(req: IncomingMessage): string {
  return String(req.headers['content-type'] ?? 'application/json')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/** Parses a POST or PUT body: JSON, or YAML when the client says so. */
export function parseObjectBody(req: IncomingMessage, text: string): unknown {
  const type = mediaType(req);
  if (type === 'application/vnd.kubernetes.protobuf') throw protobufRefused();
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
