/**
 * Which TCP ports a local process and its descendants listen on, read from Linux's /proc: the
 * listening sockets of /proc/net/tcp and tcp6 (port and socket inode), joined to the socket
 * inodes the processes hold open (/proc/<pid>/fd). The pod runner uses it to tell an exec
 * container that listens on its declared containerPort, where nothing reaches it in the sandbox,
 * from one that listens on its $PORT. The parsing is pure; `listeningPortsOfTree` does the I/O.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface ListeningSocket {
  port: number;
  inode: string;
}

const listenState = '0A';

/** The listening sockets of a /proc/net/tcp or tcp6 table. */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [, local, , state] = fields;
    const inode = fields[9];
    if (state !== listenState || !local || !inode) continue;
    const port = parseInt(local.split(':').pop() ?? '', 16);
    if (Number.isInteger(port)) sockets.push({ port, inode });
  }
  return sockets;
}

/** The parent pid in a /proc/<pid>/stat line (the command name in parentheses may hold spaces). */
export function parentPidOf(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** `root` and every process below it, given each process's parent. */
export function descendantsOf(root: number, parents: ReadonlyMap<number, number>): Set<number> {
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return tree;
}

/** The ports listened on by sockets among `inodes`, ascending, each once. */
export function portsOfInodes(sockets: ListeningSocket[], inodes: ReadonlySet<string>): number[] {
  const ports = new Set(sockets.filter((s) => inodes.has(s.inode)).map((s) => s.port));
  return [...ports].sort((a, b) => a - b);
}

const quietly = <T>(promise: Promise<T>): Promise<T | undefined> => promise.catch(() => undefined);

/**
 * The ports `pid` and its descendants listen on now, or undefined where /proc cannot tell (not
 * Linux, or the process is gone).
 */
export async function listeningPortsOfTree(pid: number): Promise<number[] | undefined> {
  const [tcp, tcp6, entries] = await Promise.all([
    quietly(readFile('/proc/net/tcp', 'utf8')),
    quietly(readFile('/proc/net/tcp6', 'utf8')),
    quietly(readdir('/proc')),
  ]);
  if (tcp === undefined || !entries) return undefined;
  const sockets = [...parseProcNetTcp(tcp), ...parseProcNetTcp(tcp6 ?? '')];
  if (sockets.length === 0) return [];
  const parents = new Map<number, number>();
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const stat = await quietly(readFile(`/proc/${entry}/stat`, 'utf8'));
        const ppid = stat === undefined ? undefined : parentPidOf(stat);
        if (ppid !== undefined) parents.set(Number(entry), ppid);
      }),
  );
  if (!parents.has(pid)) return undefined;
  const inodes = new Set<string>();
  for (const member of descendantsOf(pid, parents)) {
    const fds = (await quietly(readdir(`/proc/${member}/fd`))) ?? [];
    for (const fd of fds) {
      const target = await quietly(readlink(`/proc/${member}/fd/${fd}`));
      const inode = target && /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    }
  }
  return portsOfInodes(sockets, inodes);
}
