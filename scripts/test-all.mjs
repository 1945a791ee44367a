#!/usr/bin/env node
/**
 * `npm test`: every layer of the suite, in order, stopping at the first failure.
 *
 * Usage: node scripts/test-all.mjs [LAYER...]   (default: all; e.g. `npm test -- lint unit`)
 *
 * The last line is always `N passed, N failed` (counting layers): CI reads it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => `node_modules/.bin/${name}`;

/**
 * Cheap checks first, so a lint error costs seconds, not a build. System setup comes before
 * everything because it is the one step allowed to call apt (which takes a lock).
 */
const layers = [
  {
    name: 'setup',
    what: 'system packages (chromium, prometheus)',
    command: ['node', 'scripts/setup-system.mjs'],
  },
  {
    name: 'lint',
    what: 'eslint, layering and import cycles',
    command: [bin('eslint'), '--max-warnings', '0', '.'],
  },
  {
    name: 'format',
    what: 'prettier --check (run `npm run format` to fix)',
    command: [bin('prettier'), '--check', '--log-level', 'warn', '.'],
  },
  { name: 'typecheck', what: 'tsc --noEmit', command: [bin('tsc'), '--noEmit'] },
  {
    name: 'unit',
    what: 'vitest, unit project',
    command: [bin('vitest'), 'run', '--project', 'unit'],
  },
  {
    name: 'integration',
    what: 'vitest, integration project',
    command: [bin('vitest'), 'run', '--project', 'integration', '--passWithNoTests'],
  },
  { name: 'build', what: 'next build (production console)', command: [bin('next'), 'build'] },
  {
    name: 'e2e',
    what: 'Playwright on Chromium against the built console',
    command: ['node', 'scripts/e2e.mjs'],
    // Test exactly what the build layer produced, even if someone saves a file meanwhile.
    env: { AVIARY_E2E_USE_EXISTING_BUILD: '1' },
  },
];

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !layers.some((layer) => layer.name === name));
if (unknown.length) {
  console.error(
    `unknown layer ${unknown.join(', ')}; layers are: ${layers.map((layer) => layer.name).join(', ')}`,
  );
  process.exit(2);
}
const selected = requested.length
  ? layers.filter((layer) => requested.includes(layer.name))
  : layers;

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
};

/** Runs one layer with its output streamed through; resolves to the exit code. */
function runLayer(layer) {
  return new Promise((resolve) => {
    const child = spawn(layer.command[0], layer.command.slice(1), {
      cwd: root,
      env: { ...env, ...layer.env },
      stdio: 'inherit',
    });
    child.on('error', (error) => {
      console.error(`${layer.name}: could not start ${layer.command[0]}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Ctrl-C stops the running layer (it shares our process group) and then us, with the summary. */
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});

const results = [];
const suiteStart = performance.now();
for (const layer of selected) {
  if (interrupted) break;
  console.log(`\n━━━ ${layer.name}: ${layer.what} ━━━  $ ${layer.command.join(' ')}`);
  const start = performance.now();
  const code = await runLayer(layer);
  results.push({ layer, ok: code === 0, code, seconds: (performance.now() - start) / 1000 });
  if (code !== 0) break;
}

const ran = new Set(results.map((result) => result.layer));
const rows = [
  ...results.map(({ layer, ok, code, seconds }) => [
    layer.name,
    ok ? 'passed' : `FAILED (exit ${code})`,
    `${seconds.toFixed(1)} s`,
  ]),
  ...selected.filter((layer) => !ran.has(layer)).map((layer) => [layer.name, 'not run', '']),
];
const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length), 6));
console.log('\n━━━ summary ━━━');
for (const row of [['layer', 'result', 'time'], ...rows]) {
  console.log(
    `  ${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2].padStart(widths[2])}`,
  );
}
console.log(`  total ${((performance.now() - suiteStart) / 1000).toFixed(1)} s`);

const passed = results.filter((result) => result.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || interrupted || results.length < selected.length ? 1 : 0);
