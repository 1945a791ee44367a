import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGunzip } from 'node:zlib';

/** Raised when a body, as sent or once decompressed, exceeds the limit (HTTP 413). */
export class BodyTooLargeError extends Error {
  constructor(limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

/** Raised when a body claims an encoding the server cannot read, or fails to decompress (HTTP 400/415). */
export class BodyEncodingError extends Error {
  constructor(
    message: string,
    readonly unsupported: boolean,
  ) {
    super(message);
  }
}

/**
 * The request body, gunzipped when `Content-Encoding: gzip`, refused past `limitBytes` both
 * before and after decompression (a small gzip body can inflate a thousandfold).
 */
export async function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    req.resume();
    throw new BodyEncodingError(`unsupported Content-Encoding "${encoding}"`, true);
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    req.resume();
    throw new BodyTooLargeError(limitBytes);
  }
  const source = encoding === 'gzip' ? req.pipe(createGunzip()) : req;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
      chunks.push(chunk);
    }
  } catch (error) {
    req.resume();
    if (error instanceof BodyTooLargeError) throw error;
    throw new BodyEncodingError(
      `cannot read gzip body: ${error instanceof Error ? error.message : String(error)}`,
      false,
    );
  }
  return Buffer.concat(chunks);
}

/** Sends a JSON body with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
