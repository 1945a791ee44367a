import { readdirSync, readFileSync } from 'node:fs';

export interface MarkedProcess {
  pid: number;
  /** The command line, for failure messages. */
  command: string;
}

/**
 * The live processes whose environment holds `name=value`: a test sets a variable of its own on
 * the process it starts, every descendant inherits it, so this finds everything that run left
 * behind, whatever process group or parent it ended up in. Zombies have no environment left and
 * are not counted (they hold no port and no memory). Linux only (/proc).
 */
export function processesMarked(name: string, value: string): MarkedProcess[] {
  const wanted = `${name}=${value}`;
  const found: MarkedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (!environ.split('\0').includes(wanted)) continue;
    let command = '?';
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').trim();
    } catch {
      // gone meanwhile
    }
    found.push({ pid: Number(entry), command });
  }
  return found;
}
