#!/usr/bin/env node
/**
 * Runs one TypeScript file with the same loader as the `aviary` command (`npm run bench` uses it):
 * `node bin/run-ts.js FILE [ARGS...]`. Inside FILE, `process.argv.slice(2)` are its own ARGS.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import './register-typescript.js';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bin/run-ts.js FILE.ts [ARGS...]');
  process.exit(2);
}
// Drop this runner from argv so FILE sees the argv it would see when run by node directly.
process.argv.splice(1, 1);
process.argv[1] = resolve(file);
await import(pathToFileURL(process.argv[1]).href);
