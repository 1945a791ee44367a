import { NextResponse, type NextRequest } from 'next/server';

/**
 * Hands every page request's path to the server components (as `x-aviary-path`), so a page that
 * finds the session ended can send the person to sign in and then back to where they were.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-aviary-path', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)'],
};
