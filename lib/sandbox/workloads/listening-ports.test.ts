import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  descendantsOf,
  listeningPortsOfTree,
  parentPidOf,
  parseProcNetTcp,
  portsOfInodes,
} from './listening-ports';

const table = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:A26F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 26990 1 000000002ecacbc4 100 0 0 10 0',
  '   1: 0100007F:2378 0100007F:A26F 01 00000000:00000000 00:00000000 00000000     0        0 27002 1 000000002ecacbc4 100 0 0 10 0',
  '   2: 00000000:2378 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 31337 1 000000002ecacbc4 100 0 0 10 0',
  '',
].join('\n');
const table6 =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
  '   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0\n';

describe('listening ports from /proc', () => {
  it('reads the listening sockets of tcp and tcp6 tables, skipping connected ones', () => {
    expect(parseProcNetTcp(table)).toEqual([
      { port: 0xa26f, inode: '26990' },
      { port: 9080, inode: '31337' },
    ]);
    expect(parseProcNetTcp(table6)).toEqual([{ port: 8080, inode: '4242' }]);
    expect(parseProcNetTcp('')).toEqual([]);
  });

  it.each([
    ['12494 (cat) R 12490 12490 3117 0', 12490],
    ['77 (my (odd) name) S 1 77 77 0', 1],
    ['garbage', undefined],
  ])('parent of %s is %s', (stat, ppid) => {
    expect(parentPidOf(stat)).toBe(ppid);
  });

  it('collects a process tree and the ports its sockets listen on', () => {
    const parents = new Map([
      [10, 1],
      [11, 10],
      [12, 11],
      [20, 1],
    ]);
    expect([...descendantsOf(10, parents)].sort()).toEqual([10, 11, 12]);
    expect(
      portsOfInodes(
        [
          { port: 9080, inode: 'a' },
          { port: 9080, inode: 'b' },
          { port: 41000, inode: 'c' },
          { port: 22, inode: 'd' },
        ],
        new Set(['a', 'b', 'c']),
      ),
    ).toEqual([9080, 41000]);
  });

  it.runIf(process.platform === 'linux')('finds what this process listens on', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(await listeningPortsOfTree(process.pid)).toContain(port);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await listeningPortsOfTree(process.pid)).not.toContain(port);
  });
});
