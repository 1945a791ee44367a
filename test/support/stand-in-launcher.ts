/**
 * The demo's service runner with stand-ins, for tests of how `aviary demo` stops: an HTTP server
 * in this process (as the sandbox is) and a child service (as the console is) made of
 * stand-in-server.mjs and its grandchild, started exactly as the demo starts the console.
 *
 * Usage: node bin/run-ts.js test/support/stand-in-launcher.ts IN_PROCESS_PORT CHILD_PORT
 *   GRANDCHILD_PORT [--ignore-term]
 * Prints the runner's `ready; press Ctrl-C to stop` once everything answers.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { childService } from '@/bin/cli/services/child-service';
import { runServices } from '@/bin/cli/services/run-services';
import type { ServiceDefinition } from '@/bin/cli/services/service';

const [inProcessPort, childPort, grandchildPort] = process.argv.slice(2, 5).map(Number);
if (!inProcessPort || !childPort || !grandchildPort)
  throw new Error('usage: stand-in-launcher.ts IN_PROCESS_PORT CHILD_PORT GRANDCHILD_PORT');
const ignoreTerm = process.argv.includes('--ignore-term');

const inProcess: ServiceDefinition = {
  name: 'in-process',
  async start() {
    const server = createServer((_request, response) => response.end('ok\n'));
    await new Promise<void>((resolve) => server.listen(inProcessPort, '127.0.0.1', resolve));
    return {
      name: 'in-process',
      endpoints: [{ label: 'In-process', url: `http://127.0.0.1:${inProcessPort}/` }],
      ended: new Promise<string>(() => undefined),
      stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
};

const standIn = childService({
  name: 'stand-in',
  endpoints: [{ label: 'Stand-in', url: `http://127.0.0.1:${childPort}/` }],
  command: process.execPath,
  args: [
    fileURLToPath(new URL('./stand-in-server.mjs', import.meta.url)),
    String(childPort),
    String(grandchildPort),
    ...(ignoreTerm ? ['--ignore-term'] : []),
  ],
  env: process.env,
  readyUrl: `http://127.0.0.1:${childPort}/`,
});

process.exitCode = await runServices([inProcess, standIn]);
