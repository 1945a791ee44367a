#!/usr/bin/env node
/**
 * A stand-in for `next start` in tests of how the demo stops its children: an HTTP server that
 * first spawns a grandchild server in its own process group (as a server spawning workers does),
 * then listens once the grandchild does.
 *
 * Usage: node stand-in-server.mjs PORT [GRANDCHILD_PORT] [--ignore-term]
 * With --ignore-term both ignore SIGTERM, as a server busy with its shutdown does: only SIGKILL
 * ends them. Each prints `listening PORT` once it serves.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const ignoreTerm = process.argv.includes('--ignore-term');
const [port, grandchildPort] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
// Output may outlive its reader (a killed launcher): that must not end the server early.
process.stdout.on('error', () => {});
if (ignoreTerm)
  process.once('SIGTERM', () => {
    console.log(`${port}: SIGTERM ignored`);
    process.on('SIGTERM', () => {});
  });

async function startGrandchild() {
  const args = [
    fileURLToPath(import.meta.url),
    grandchildPort,
    ...(ignoreTerm ? ['--ignore-term'] : []),
  ];
  // Not detached: the grandchild stays in this process's group, as next start's children do.
  const grandchild = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    grandchild.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (String(chunk).includes(`listening ${grandchildPort}`)) resolve(undefined);
    });
    grandchild.on('exit', (code) => reject(new Error(`grandchild exited (${code})`)));
  });
}

if (grandchildPort) await startGrandchild();
const server = createServer((_request, response) => response.end('ok\n'));
server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${port}`));
