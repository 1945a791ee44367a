import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface SandboxProcess {
  child: ChildProcess;
  url: string;
  token: string;
  caCertPem: string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** Starts a sandbox API server in a child process on a free port and waits until it serves. */
export async function startSandboxProcess(dataDir: string): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.SANDBOX_NODE_FLAGS ? process.env.SANDBOX_NODE_FLAGS.split(' ') : []),
      'bin/run-ts.js',
      'test/support/run-sandbox-process.ts',
      dataDir,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`sandbox process exited (${code}) before serving: ${stderr}`)),
    );
  });
  const kubeconfig = parse(readFileSync(join(dataDir, 'kubeconfig'), 'utf8')) as {
    users: Array<{ user: { token: string } }>;
    clusters: Array<{ cluster: { 'certificate-authority-data': string } }>;
  };
  return {
    child,
    url,
    token: kubeconfig.users[0]!.user.token,
    caCertPem: Buffer.from(
      kubeconfig.clusters[0]!.cluster['certificate-authority-data'],
      'base64',
    ).toString(),
    exited,
  };
}
