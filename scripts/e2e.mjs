#!/usr/bin/env node
/**
 * `npm run test:e2e [-- PLAYWRIGHT ARGS]`: Playwright on Debian's Chromium against the whole demo
 * stack (e2e/support/stack.ts) serving the console's production build. Makes sure Chromium is
 * there (apt-get as root, else one line saying how) and that the build is current, hands over to
 * `playwright test`, and afterwards fails if any process of the run's demo outlived the run.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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

// Every process of the demo carries this id (stack.ts sets demoRunMarker on it), so that what
// survives Playwright's stop of the demo can be found wherever it ended up.
const runId = randomUUID();
const started = performance.now();
const child = spawn(
  process.execPath,
  [fileURLToPath(import.meta.resolve('@playwright/test/cli')), 'test', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', AVIARY_E2E_RUN_ID: runId },
  },
);
const exit = await new Promise((resolve) =>
  child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
);

const { demoRunMarker } = await import('../e2e/support/stack.ts');
const { processesMarked } = await import('../test/support/marked-processes.ts');
const { waitFor } = await import('../test/support/wait-for.ts');
try {
  // Playwright waits for the demo's launcher only; its children get a moment to finish.
  await waitFor(() => processesMarked(demoRunMarker, runId).length === 0, {
    timeoutMs: 15_000,
    intervalMs: 100,
    what: "the demo's processes to end",
  });
} catch {
  const left = processesMarked(demoRunMarker, runId);
  console.error(
    `e2e: the demo left ${left.length} process(es) running after the run:\n${left.map((p) => `  ${p.pid} ${p.command}`).join('\n')}`,
  );
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  process.exit(1);
}
console.log(
  `e2e: ${Math.round((performance.now() - started) / 100) / 10} s, nothing of the demo left running`,
);
process.exit(exit);
