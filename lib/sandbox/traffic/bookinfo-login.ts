/**
 * Signing in to Bookinfo as its login form does: POST /login with a user name, keep the session
 * cookie productpage sets. productpage then adds `end-user: <name>` to its calls, which is what
 * Istio's request-routing task (and a release job's header rule) routes on.
 */

/** The `cookie` header of a session for `user`, from the productpage behind `pageUrl`. */
export async function signInToBookinfo(
  pageUrl: string,
  user: string,
  timeoutMs = 5_000,
): Promise<string> {
  const login = new URL('/login', pageUrl);
  const response = await fetch(login, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: user, passwd: 'password' }).toString(),
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer();
  const cookies = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .filter((pair) => /^[^=]+=.+/.test(pair));
  if (cookies.length === 0)
    throw new Error(`POST ${login.href} answered ${response.status} without a session cookie`);
  return cookies.join('; ');
}
