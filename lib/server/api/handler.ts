import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { z } from 'zod';
import { issuesOf } from '@/lib/domain/api/api-error-schema';
import { isMutating, type Endpoint } from '@/lib/domain/api/endpoint';
import type { SignedIn } from '../auth/auth-service';
import { sessionCookieName } from '../auth/session-seal';
import { publicOriginFromEnv } from '../console/console-config';
import { consoleContext, type ConsoleContext } from '../console/console-context';
import { kubeConfigAs } from '../kube/user-kube-config';
import { ApiError, errorResponse, toApiError } from './api-error';
import {
  checkOrigin,
  isJsonContentType,
  readBodyText,
  requestCookies,
  serializeCookie,
} from './request-parts';

/**
 * Route handlers are thin: `handle(endpoint, fn)` does everything every route needs, in this
 * order, so that `fn` only calls a lib/server function and returns plain data:
 * Origin check and JSON-only bodies for writes (403, 415, 413, 400), the session (401; 403 for
 * platform-admin routes), path and query parameters (400) and the body (422) against the
 * endpoint's schemas, then errors from below mapped to the one error shape.
 */

type Part<E, K extends 'params' | 'query' | 'body'> = E extends {
  [P in K]: infer S extends z.ZodType;
}
  ? z.infer<S>
  : undefined;
type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface HandlerContext<E extends Endpoint> {
  request: Request;
  params: Part<E, 'params'>;
  query: Part<E, 'query'>;
  body: Part<E, 'body'>;
  console: ConsoleContext;
  /** The person, on routes that need one (undefined only on public routes). */
  signedIn: E['access'] extends 'public' ? SignedIn | undefined : SignedIn;
  /** A Kubernetes client configuration acting as the person. */
  kube: () => KubeConfig;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

const defaultMaxBody = 64 * 1024;

export function handle<E extends Endpoint>(
  e: E,
  fn: (context: HandlerContext<E>) => Promise<unknown>,
): RouteHandler {
  return async (request, routeContext) => {
    let refreshedCookie: string | undefined;
    // Built on first use: public routes such as /api/healthz answer even before it can be.
    let consoleCtx: ConsoleContext | undefined;
    const context = () => (consoleCtx ??= consoleContext());
    try {
      if (isMutating(e.method)) checkOrigin(request, publicOriginFromEnv());
      const body = isMutating(e.method) ? await parseBody(e, request) : undefined;

      let signedIn: SignedIn | undefined;
      const cookie = requestCookies(request).get(sessionCookieName);
      if (e.access !== 'public' || cookie) {
        signedIn = cookie ? await context().auth.resolve(cookie) : undefined;
        if (!signedIn && e.access !== 'public') {
          throw new ApiError('Unauthorized', 'sign in first: no valid session');
        }
        refreshedCookie = signedIn?.refreshedCookie;
      }
      if (e.access === 'platformAdmin' && signedIn?.user.platformRole !== 'admin') {
        throw new ApiError(
          'Forbidden',
          `${signedIn?.user.username} is not a platform administrator: only platform administrators may ${e.summary.charAt(0).toLowerCase()}${e.summary.slice(1)}`,
        );
      }
      const params = parseParts(e.params, await routeContext.params, 'path parameter');
      const query = parseParts(
        e.query,
        Object.fromEntries(new URL(request.url).searchParams),
        'query parameter',
      );
      const result = await fn({
        request,
        params,
        query,
        body,
        get console() {
          return context();
        },
        signedIn: signedIn as HandlerContext<E>['signedIn'],
        kube: () => {
          if (!signedIn) throw new ApiError('Unauthorized', 'sign in first: no valid session');
          return kubeConfigAs(context().kubeConfig, signedIn.identity);
        },
      } as HandlerContext<E>);
      const response =
        result instanceof Response
          ? result
          : e.successStatus === 204
            ? new Response(null, { status: 204 })
            : Response.json(result, { status: e.successStatus ?? 200 });
      response.headers.set('cache-control', 'no-store');
      if (refreshedCookie && !response.headers.has('set-cookie') && consoleCtx) {
        response.headers.append('set-cookie', sessionCookie(consoleCtx, refreshedCookie));
      }
      return response;
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'Internal')
        console.error(`[aviary] ${e.method} ${e.path} failed:`, error);
      return errorResponse(apiError);
    }
  };
}

/** The Set-Cookie value for a session cookie (`value` undefined: clear it). */
export function sessionCookie(ctx: ConsoleContext, value: string | undefined): string {
  return serializeCookie(sessionCookieName, value ?? '', {
    maxAgeSeconds: value === undefined ? 0 : ctx.config.sessionMaxMs / 1000,
    secure: ctx.config.cookieSecure,
  });
}

async function parseBody<E extends Endpoint>(e: E, request: Request): Promise<Part<E, 'body'>> {
  const text = await readBodyText(request, e.maxBodyBytes ?? defaultMaxBody);
  const contentType = request.headers.get('content-type');
  if (!e.body) {
    if (text.trim() !== '' && !isJsonContentType(contentType)) {
      throw new ApiError(
        'UnsupportedMediaType',
        'send no body, or a JSON one (Content-Type: application/json)',
      );
    }
    return undefined as Part<E, 'body'>;
  }
  if (!isJsonContentType(contentType)) {
    throw new ApiError(
      'UnsupportedMediaType',
      `the body must be JSON (Content-Type: application/json), not ${contentType ?? 'unspecified'}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError('BadRequest', `the body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = e.body.safeParse(value);
  if (!parsed.success) {
    throw new ApiError('Invalid', 'the request is invalid', issuesOf(parsed.error));
  }
  return parsed.data as Part<E, 'body'>;
}

function parseParts<S extends z.ZodType | undefined>(
  schema: S,
  values: Record<string, unknown>,
  what: string,
): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new ApiError('BadRequest', `invalid ${what}`, issuesOf(parsed.error));
  }
  return parsed.data as Infer<S>;
}
