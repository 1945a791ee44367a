#!/usr/bin/env node
/**
 * `npm run test:e2e [-- PLAYWRIGHT ARGS]`: Playwright on Debian's Chromium against the console's
 * production build. Makes sure Chromium is there (apt-get as root, else one line saying how) and
 * that the build is current, then hands over to `playwright test`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import '../bin/register-typescript.js';
import { ensureSystemPackages } from './setup-system.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

try {
  ensureSystemPackages(['chromium']);
} catch (error) {
  console.error(`e2e: ${error.message}`);
  process.exit(1);
}

// `npm test` has just built in its build layer; standalone runs build only when sources changed.
const { ensureConsoleBuild, consoleBuildState } =
  await import('../bin/cli/console/console-build.ts');
if (process.env.AVIARY_E2E_USE_EXISTING_BUILD === '1') {
  if (consoleBuildState().state === 'missing') {
    console.error('e2e: there is no production build in .next: run `npm run build` first');
    process.exit(1);
  }
} else {
  try {
    await ensureConsoleBuild({ log: (line) => console.log(`e2e: ${line}`) });
  } catch (error) {
    console.error(`e2e: ${error.message}`);
    process.exit(1);
  }
}

const child = spawn(
  process.execPath,
  [fileURLToPath(import.meta.resolve('@playwright/test/cli')), 'test', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
