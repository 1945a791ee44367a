#!/usr/bin/env node
/**
 * The one place the test command installs Debian packages. apt and dpkg take a lock, so this runs
 * once, before every layer, and makes a single apt-get call for everything missing; when all is
 * present it makes no apt call at all.
 *
 * Usage: node scripts/setup-system.mjs [PACKAGE...]   (default: every package the tests need)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isRoot, systemPackages } from './lib/system-packages.mjs';

/**
 * Installs the missing packages among `names` (all when empty). Returns normally when everything is
 * present afterwards; throws an Error whose message is one line telling the user what to do.
 */
export function ensureSystemPackages(names = []) {
  const wanted = names.length
    ? systemPackages.filter((pkg) => names.includes(pkg.name))
    : systemPackages;
  const overrideError = wanted.map((pkg) => pkg.overrideError()).find(Boolean);
  if (overrideError) throw new Error(overrideError);
  const missing = wanted.filter((pkg) => !pkg.locate());
  if (missing.length === 0) return { installed: [] };

  const list = missing.map((pkg) => pkg.name).join(' ');
  if (!isRoot) {
    const hints = missing.map((pkg) => pkg.hint).filter(Boolean);
    throw new Error(
      `missing ${list} (${missing.map((pkg) => pkg.why).join('; ')}): ` +
        `run \`sudo apt-get install -y --no-install-recommends ${list}\`${hints.length ? ` ${hints.join(', ')}` : ''}`,
    );
  }

  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = ['install', '-y', '--no-install-recommends', ...missing.map((pkg) => pkg.name)];
  // Wait for a dpkg lock held by someone else's apt instead of failing at once.
  for (const args of [['update'], ['-o', 'DPkg::Lock::Timeout=300', ...install]]) {
    console.log(`$ apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0)
      throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
  const stillMissing = missing.filter((pkg) => !pkg.locate());
  if (stillMissing.length) {
    throw new Error(
      `apt-get finished but ${stillMissing.map((pkg) => pkg.name).join(' ')} is still not found`,
    );
  }
  return { installed: missing.map((pkg) => pkg.name) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { installed } = ensureSystemPackages(process.argv.slice(2));
    console.log(
      installed.length
        ? `system packages installed: ${installed.join(', ')}`
        : `system packages present: ${systemPackages.map((pkg) => `${pkg.name} (${pkg.locate()})`).join(', ')}`,
    );
  } catch (error) {
    console.error(`setup-system: ${error.message}`);
    process.exit(1);
  }
}
