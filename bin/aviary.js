#!/usr/bin/env node
/** The `aviary` command: a tiny JavaScript entry so that it runs from a checkout without a build step. */

// Commands that talk to a cluster load @kubernetes/client-node (about 2,500 modules). Loaded here,
// before the TypeScript loader hooks exist, it takes 0.7 s; through the hooks it took 1.8 s, most
// of `aviary job`'s start-up. Later imports of it from TypeScript find it loaded.
const clusterCommands = new Set(['job', 'controller', 'demo', 'user']);
if (clusterCommands.has(process.argv[2] ?? '')) await import('@kubernetes/client-node');

await import('./register-typescript.js');
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
