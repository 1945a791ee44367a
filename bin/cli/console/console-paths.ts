import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The checkout (or installed package) that holds the console: where `.next` is built and served. */
export const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Next.js's command-line entry, run with this same Node (no shell, no npx). */
export const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** Arguments for `node` that serve the production build on `127.0.0.1:port`. */
export function consoleServerArgs(port: number): string[] {
  return [nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(port)];
}
