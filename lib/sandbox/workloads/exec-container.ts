/**
 * A container run as a local child process (`--allow-exec` only: it runs whatever the manifest
 * says, so only for trusted manifests). Its argv and environment come expanded from the pod
 * runner; it runs in the container's `workingDir` (else the sandbox's own working directory);
 * its stdout and stderr are its log; it must listen on the loopback port given in `PORT`; it is
 * sent SIGTERM on stop and SIGKILL if it lingers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { ContainerExit, ContainerProcess } from './container-process';

/** A loopback port free right now (the child binds it a moment later). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
}

const killGraceMs = 2000;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export class ExecContainer implements ContainerProcess {
  private child: ChildProcess | undefined;

  /**
   * `argv`: the container's command followed by its args. `port` is chosen before the process
   * starts because its sidecar must know it first (and the process must know the sidecar's).
   */
  constructor(
    private readonly argv: string[],
    private readonly env: Record<string, string>,
    readonly port: number,
    private readonly log: (text: string) => void,
    private readonly onExit: (exit: ContainerExit) => void,
    private readonly workingDir?: string,
  ) {}

  /** The running process's pid, undefined between runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const [file, ...args] = this.argv;
    if (!file) throw new Error('container has an empty command');
    if (this.workingDir !== undefined && !isDirectory(this.workingDir)) {
      // runc's words for a missing working directory.
      throw new Error(
        `failed to create containerd task: OCI runtime create failed: chdir to cwd ("${this.workingDir}") set in config.json failed: no such file or directory`,
      );
    }
    const child = spawn(file, args, {
      ...(this.workingDir !== undefined ? { cwd: this.workingDir } : {}),
      // Only the pod's environment (plus PATH to find the command): nothing of the sandbox's own leaks in.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...this.env,
        PORT: String(this.port),
      } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.setEncoding('utf8').on('data', (text: string) => this.log(text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => this.log(text));
    child.once('error', (error) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.log(`exec ${file}: ${error.message}`);
      this.onExit({ exitCode: 128, reason: 'StartError', message: error.message });
    });
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.onExit({
        exitCode: code ?? 137,
        reason: code === 0 ? 'Completed' : 'Error',
        ...(signal ? { message: `killed by ${signal}` } : {}),
      });
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
