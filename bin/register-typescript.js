/**
 * Lets plain Node run Aviary's TypeScript sources, the way `next` does for the console:
 * tsx compiles on import (honouring tsconfig's `@/` paths), and `server-only` resolves to its empty
 * module as under Next.js's react-server condition, so lib/server code loads in the CLI too.
 * Import this module first, then import the TypeScript entry point dynamically.
 */
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { register as registerTsx } from 'tsx/esm/api';

const markerPath = createRequire(import.meta.url).resolve('server-only');

registerTsx();
// Registered after tsx, so it runs first and answers for `server-only` before anyone else.
register('./server-only-hook.js', import.meta.url, {
  data: { emptyModuleUrl: pathToFileURL(markerPath.replace(/index\.js$/, 'empty.js')).href },
});
