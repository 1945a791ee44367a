#!/usr/bin/env node
/**
 * Runs one command for `startChild` (child-process.ts) and makes sure it does not outlive the
 * launcher: `node orphan-guard.js GRACE_MS COMMAND [ARGS...]`.
 *
 * The launcher starts this guard as the leader of a new process group, with a pipe as its stdin
 * that the launcher never writes to. The command runs in the same group (so next start and
 * anything it spawns are reached by a signal to the group). When the launcher ends by any means,
 * SIGKILL included, the kernel closes its end of the pipe and the guard reads end-of-file: it then
 * sends SIGTERM to its group and SIGKILL after GRACE_MS. A SIGKILLed parent cannot tell its
 * children anything, so the child side has to notice; a pipe's EOF is immediate and needs no
 * polling. Plain JavaScript, loaded without the TypeScript hooks, so it starts in a few ms.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const [graceArg, command, ...args] = process.argv.slice(2);
const graceMs = Number(graceArg);
if (!command || !Number.isFinite(graceMs)) {
  console.error('usage: orphan-guard.js GRACE_MS COMMAND [ARGS...]');
  process.exit(2);
}

function signalGroup(signal) {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // the group is already gone
  }
}

// The launcher stops the group with SIGTERM (or the terminal sends SIGINT): the command receives
// the same signal, and the guard stays until the command has finished its own shutdown, so that
// the launcher sees the command's real exit.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => {});

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });

child.on('error', (error) => {
  console.error(`could not start ${command}: ${error.message}`);
  process.exit(127);
});

let orphaned = false;

child.on('exit', (code, signal) => {
  // With the launcher gone, whatever the command left in the group goes too (this guard with it).
  if (orphaned) signalGroup('SIGKILL');
  if (signal) {
    // Exit the way the command did, so the launcher reports the same signal.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    // Only reached for a signal whose default is not to end a process (Node ignores SIGPIPE).
    process.exit(128 + (constants.signals[signal] ?? 0));
  }
  process.exit(code ?? 1);
});

function onLauncherGone() {
  if (orphaned) return;
  orphaned = true;
  signalGroup('SIGTERM');
  // Kills this guard too: nobody is left to read its exit status.
  setTimeout(() => signalGroup('SIGKILL'), graceMs);
}

process.stdin.on('end', onLauncherGone);
process.stdin.on('close', onLauncherGone);
process.stdin.on('error', onLauncherGone);
process.stdin.resume();
