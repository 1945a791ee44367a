import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SpanSink } from '../contracts/span-sink';
import { BodyEncodingError, BodyTooLargeError, readRequestBody, sendJson } from './http-body';
import { otlpTraceRequestSchema, type OtlpTraceRequestJson } from './otlp-json-schema';
import {
  decodeTraceRequestProtobuf,
  encodeStatusProtobuf,
  encodeTraceResponseProtobuf,
} from './otlp-protobuf';
import { toResourceSpans } from './otlp-to-records';

export interface OtlpHandlerOptions {
  /** Largest body accepted, compressed or not (default 16 MiB); larger ones get 413. */
  maxBodyBytes?: number;
}

type Encoding = 'json' | 'protobuf';

/** google.rpc.Code values OTLP/HTTP error bodies use. */
const INVALID_ARGUMENT = 3;
const RESOURCE_EXHAUSTED = 8;
const INTERNAL = 13;

function encodingOf(contentType: string | undefined): Encoding | undefined {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-protobuf') return 'protobuf';
  return undefined;
}

function sendStatus(
  res: ServerResponse,
  httpStatus: number,
  encoding: Encoding,
  code: number,
  message: string,
): void {
  if (encoding === 'json') {
    sendJson(res, httpStatus, { code, message });
    return;
  }
  const body = encodeStatusProtobuf(code, message);
  res.writeHead(httpStatus, {
    'Content-Type': 'application/x-protobuf',
    'Content-Length': body.length,
  });
  res.end(body);
}

function decodeBody(body: Buffer, encoding: Encoding): OtlpTraceRequestJson {
  const raw: unknown =
    encoding === 'json'
      ? JSON.parse(body.toString('utf8') || '{}')
      : decodeTraceRequestProtobuf(body);
  const parsed = otlpTraceRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SyntaxError(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * A Node request handler for OTLP/HTTP trace export (`POST /v1/traces`), answering as the
 * OTLP/HTTP spec says: 200 with an ExportTraceServiceResponse in the request's encoding
 * (partial_success when spans with bad ids were dropped), 400 with a google.rpc.Status for a
 * body that does not decode, 413 past the size limit, 415 for other media types or encodings,
 * 404/405 for other paths and methods. Accepted spans go to `sink` in one call.
 */
export function createOtlpHandler(
  sink: SpanSink,
  options: OtlpHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/v1/traces') {
      req.resume();
      sendJson(res, 404, {
        code: 5,
        message: `unknown path ${path}; OTLP traces are posted to /v1/traces`,
      });
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, {
        code: INVALID_ARGUMENT,
        message: `method ${req.method ?? ''} not allowed; use POST`,
      });
      return;
    }
    const encoding = encodingOf(req.headers['content-type']);
    if (!encoding) {
      req.resume();
      sendJson(res, 415, {
        code: INVALID_ARGUMENT,
        message: `unsupported content type "${req.headers['content-type'] ?? ''}"; use application/x-protobuf or application/json`,
      });
      return;
    }
    let body: Buffer;
    try {
      body = await readRequestBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return sendStatus(res, 413, encoding, RESOURCE_EXHAUSTED, error.message);
      if (error instanceof BodyEncodingError)
        return sendStatus(
          res,
          error.unsupported ? 415 : 400,
          encoding,
          INVALID_ARGUMENT,
          error.message,
        );
      throw error;
    }
    let request: OtlpTraceRequestJson;
    try {
      request = decodeBody(body, encoding);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return sendStatus(
        res,
        400,
        encoding,
        INVALID_ARGUMENT,
        `cannot decode ExportTraceServiceRequest: ${message}`,
      );
    }
    const { batch, rejectedSpans, errorMessage } = toResourceSpans(request);
    if (batch.length > 0) sink.export(batch);
    if (encoding === 'json') {
      sendJson(
        res,
        200,
        rejectedSpans > 0
          ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } }
          : {},
      );
      return;
    }
    const answer = encodeTraceResponseProtobuf(rejectedSpans, errorMessage);
    res.writeHead(200, {
      'Content-Type': 'application/x-protobuf',
      'Content-Length': answer.length,
    });
    res.end(answer);
  };
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      sendJson(res, 500, {
        code: INTERNAL,
        message: error instanceof Error ? error.message : String(error),
      });
    });
  };
}
