/** Sign-in, sign-out and sessions. */
export const auth = {
  signIn: {
    title: 'Sign in to Aviary',
    intro: 'Grayscale releases on an Istio service mesh.',
    username: 'Username',
    password: 'Password',
    token: 'Bearer token',
    tokenHint:
      'A token the cluster accepts (an OIDC ID token or a service account token). It stays on the console server.',
    withPassword: 'Account',
    withToken: 'Token',
    submit: 'Sign in',
    submitting: 'Signing in…',
    failed: 'Wrong username or password.',
    tokenFailed: 'The cluster did not accept this token.',
    throttled:
      'Too many failed attempts. Try again in {seconds, plural, one {# second} other {# seconds}}.',
    unreachable: 'The console cannot reach the cluster right now. Try again in a moment.',
    expired: 'Your session ended. Sign in again to go back to the page you were on.',
    demoHint:
      'Running the demo? The passwords are printed by `npm run demo` and kept in .aviary/credentials.json.',
  },
  userMenu: {
    signedInAs: 'Signed in as {name}',
    platformAdmin: 'Platform administrator',
    signOut: 'Sign out',
    users: 'Accounts',
    allReleaseJobs: 'All release jobs',
  },
} as const;
