import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/** Debian's Prometheus (package `prometheus`), which the integration tests compare the sandbox with. */
export const prometheusBinary = '/usr/bin/prometheus';

export const prometheusInstalled = () => existsSync(prometheusBinary);

export interface PrometheusProcess {
  url: string;
  /** Output of the process so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A real Prometheus on a free port of 127.0.0.1, scraping `targets` (host:port of `/metrics`)
 * every `scrapeIntervalS` seconds, its TSDB under `dir` (an existing one is opened, as after
 * `promtool tsdb create-blocks-from`). Resolves once it answers `/-/ready`.
 */
export async function startPrometheus(options: {
  dir: string;
  targets?: string[];
  scrapeIntervalS?: number;
  /** Passed on: e.g. a retention long enough to keep backfilled blocks. */
  extraArgs?: string[];
}): Promise<PrometheusProcess> {
  const port = await freePort();
  const interval = `${options.scrapeIntervalS ?? 1}s`;
  const config = join(options.dir, 'prometheus.yml');
  const targets = options.targets ?? [];
  writeFileSync(
    config,
    [
      'global:',
      `  scrape_interval: ${interval}`,
      `  scrape_timeout: ${interval}`,
      `  evaluation_interval: ${interval}`,
      'scrape_configs:',
      ...(targets.length
        ? [
            '  - job_name: sandbox',
            '    static_configs:',
            `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  const child = spawn(
    prometheusBinary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(options.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!gone) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor(
      async () => {
        if (gone) throw new Error(`prometheus exited: ${output}`);
        return (await fetch(`${url}/-/ready`)).ok;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `Prometheus ready at ${url}` },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output: () => output, stop };
}
