#!/usr/bin/env node
/** The `aviary` command: a tiny JavaScript entry so that it runs from a checkout without a build step. */
import './register-typescript.js';

const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
