import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The shell commands of the README's Quick start, one per fenced block. */
function quickStartCommands(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Quick start'));
  if (!section) throw new Error('README.md has no "## Quick start" section');
  return [...section.matchAll(/^```\w*\n([\s\S]*?)^```/gm)].map((match) => match[1]!.trim());
}

/** `npm ci && npm test` -> [['npm', 'ci'], ['npm', 'test']]: the programs it runs, in order. */
function splitCommand(command: string): string[][] {
  return command.split('&&').map((part) => part.trim().split(/\s+/));
}

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs .ci/run for real, with `npm` replaced by a recorder on PATH: what CI would execute is
 * exactly what the recorder logs. `failOn` makes that npm subcommand fail.
 */
function runCi(failOn?: string): { status: number | null; npmCalls: string[][]; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aviary-ci-'));
  scratch.push(dir);
  const log = join(dir, 'npm-calls.log');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'npm'),
    `#!/bin/sh\necho "npm $*" >> "${log}"\n[ "$1" = "${failOn ?? ''}" ] && exit 3\nexit 0\n`,
  );
  chmodSync(join(dir, 'npm'), 0o755);
  const result = spawnSync('bash', [join(root, '.ci/run')], {
    cwd: tmpdir(),
    env: { ...process.env, CI: 'true', PATH: `${dir}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  const npmCalls = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '));
  return { status: result.status, npmCalls, output: result.stdout + result.stderr };
}

describe('README quick start and .ci/run', () => {
  it('has exactly two commands: the demo and the whole test suite', () => {
    const commands = quickStartCommands();
    expect(commands).toHaveLength(2);
    expect(commands.filter((command) => command.includes('npm run demo'))).toHaveLength(1);
    expect(commands.filter((command) => /\bnpm test\b/.test(command))).toHaveLength(1);
  });

  it('.ci/run runs exactly the README test command, in order', () => {
    const testCommand = quickStartCommands().find((command) => /\bnpm test\b/.test(command))!;
    const { status, npmCalls } = runCi();
    expect(status).toBe(0);
    expect(npmCalls).toEqual(splitCommand(testCommand));
  });

  it('.ci/run fails when the test suite fails', () => {
    const { status, output } = runCi('test');
    expect(status).not.toBe(0);
    expect(output).not.toMatch(/ci: passed/);
  });

  it('.ci/run stops before testing when the install fails', () => {
    const { status, npmCalls } = runCi('ci');
    expect(status).not.toBe(0);
    expect(npmCalls).toEqual([['npm', 'ci']]);
  });
});
