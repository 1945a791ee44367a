import { Agent } from 'node:https';
import { afterAll, expect, it } from 'vitest';
import { rawApi } from '../../support/raw-api';
import { startSandboxProcess, type SandboxProcess } from '../../support/sandbox-process';
import { makeTempDir } from '../../support/temp-dir';

const dir = makeTempDir('crash');
let running: SandboxProcess | undefined;
afterAll(async () => {
  running?.child.kill('SIGKILL');
  await running?.exited;
  dir.remove();
});

it('keeps every acknowledged write after kill -9 during a burst of 1,000 writes', async () => {
  running = await startSandboxProcess(dir.path);
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const api = rawApi({ ...running, agent });
  expect(
    (await api('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: 'burst' } })))
      .status,
  ).toBe(201);

  const acknowledged: Array<{ name: string; rv: number }> = [];
  let next = 0;
  let killed = false;
  const writer = async () => {
    while (next < 1000) {
      const name = `cm-${String(next++).padStart(4, '0')}`;
      try {
        const res = await api(
          'POST',
          '/api/v1/namespaces/burst/configmaps',
          JSON.stringify({ metadata: { name }, data: { n: name } }),
        );
        if (res.status === 201) {
          acknowledged.push({ name, rv: Number(JSON.parse(res.body).metadata.resourceVersion) });
          // Kill once a third of the burst is acknowledged, with writes still in flight.
          if (acknowledged.length === 333 && !killed) {
            killed = true;
            running!.child.kill('SIGKILL');
          }
        }
      } catch {
        return; // the connection died with the process
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, writer));
  agent.destroy();
  await running.exited;
  expect(killed).toBe(true);
  expect(acknowledged.length).toBeGreaterThanOrEqual(333);

  running = await startSandboxProcess(dir.path);
  const after = rawApi(running);
  const list = JSON.parse((await after('GET', '/api/v1/namespaces/burst/configmaps')).body) as {
    metadata: { resourceVersion: string };
    items: Array<{ metadata: { name: string; resourceVersion: string }; data: { n: string } }>;
  };
  const stored = new Map(list.items.map((i) => [i.metadata.name, i]));
  const missing = acknowledged.filter((a) => !stored.has(a.name));
  expect(missing).toEqual([]);
  for (const a of acknowledged) expect(stored.get(a.name)!.data.n).toBe(a.name);

  // resourceVersions keep increasing across the restart.
  const highest = Math.max(...acknowledged.map((a) => a.rv));
  const created = await after(
    'POST',
    '/api/v1/namespaces/burst/configmaps',
    JSON.stringify({ metadata: { name: 'after-restart' } }),
  );
  expect(Number(JSON.parse(created.body).metadata.resourceVersion)).toBeGreaterThan(highest);
});

it('refuses a second sandbox on the same data dir', async () => {
  await expect(startSandboxProcess(dir.path)).rejects.toThrow(/in use by another sandbox/);
});
