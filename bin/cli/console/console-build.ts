import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CommandFailure } from '../cli-errors';
import { nextBin, packageRoot } from './console-paths';

/**
 * What the console's production build is made from. lib/sandbox is left out: lint forbids app/ and
 * components/ to import it, so it never changes the console bundle. Test files are left out too.
 */
const sourceDirs = ['app', 'components', 'lib', 'public'];
const skippedDirs = new Set(['node_modules', join('lib', 'sandbox')]);
const sourceFiles = [
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];
const testFile = /\.(int\.)?test\.tsx?$/;

function newestChange(relative: string): { file: string; mtimeMs: number } | undefined {
  const path = join(packageRoot, relative);
  if (!existsSync(path)) return undefined;
  const stat = statSync(path);
  if (!stat.isDirectory())
    return testFile.test(relative) ? undefined : { file: relative, mtimeMs: stat.mtimeMs };
  if (skippedDirs.has(relative)) return undefined;
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(path)) {
    const candidate = newestChange(join(relative, entry));
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

export type ConsoleBuildState = { state: 'fresh' } | { state: 'missing' | 'stale'; reason: string };

/** Whether `.next` holds a production build at least as new as every console source file. */
export function consoleBuildState(): ConsoleBuildState {
  const buildId = join(packageRoot, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return { state: 'missing', reason: 'there is no production build yet' };
  const builtAt = statSync(buildId).mtimeMs;
  for (const relative of [...sourceDirs, ...sourceFiles]) {
    const newest = newestChange(relative);
    if (newest && newest.mtimeMs > builtAt)
      return { state: 'stale', reason: `${newest.file} changed since the last build` };
  }
  return { state: 'fresh' };
}

/** Runs `next build` with its output shown; fails with a CommandFailure if the build fails. */
export function buildConsole(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: packageRoot,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new CommandFailure(`next build failed (${code ?? signal})`)),
    );
  });
}

/** Builds the console when its build is missing or older than its sources, or when `force` is set. */
export async function ensureConsoleBuild({ force = false, log = console.log } = {}): Promise<void> {
  const current = consoleBuildState();
  if (current.state === 'fresh' && !force) return;
  const why = current.state === 'fresh' ? 'a rebuild was asked for' : current.reason;
  log(`building the console: ${why} (next build, about a minute)`);
  await buildConsole();
}
