import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const guard = fileURLToPath(new URL('./orphan-guard.js', import.meta.url));

/** Runs `sh -c script` behind the guard, its stdin a pipe held open as the launcher holds it. */
function runGuarded(script: string): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [guard, '1000', 'sh', '-c', script], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

// The launcher reports a console that ended by itself with the guard's exit: it must be the
// command's own, or "exited (1)" would hide a crash by signal.
describe('orphan-guard passes on how its command ended', () => {
  it.each([
    ['exit code 0', 'exit 0', { code: 0, signal: null }],
    ['exit code 7', 'exit 7', { code: 7, signal: null }],
    ['SIGTERM', 'kill -TERM $$', { code: null, signal: 'SIGTERM' }],
    ['SIGKILL', 'kill -KILL $$', { code: null, signal: 'SIGKILL' }],
    // Node ignores SIGPIPE, so the guard cannot die of it: it exits 128 + 13 as a shell reports it.
    ['SIGPIPE', 'kill -PIPE $$', { code: 141, signal: null }],
  ])('%s', async (_case, script, expected) => {
    expect(await runGuarded(script)).toEqual(expected);
  });

  it('says so when the command cannot be started (127)', async () => {
    const result = await new Promise<{ code: number | null }>((resolve) => {
      const child = spawn(process.execPath, [guard, '1000', '/no/such/command'], {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true,
      });
      child.on('exit', (code) => resolve({ code }));
    });
    expect(result.code).toBe(127);
  });
});
