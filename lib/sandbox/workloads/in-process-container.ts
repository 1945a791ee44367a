/**
 * A container whose application runs inside the sandbox process: an HTTP server on a loopback
 * port of its own. A restart builds the application afresh (new state, as a new process would)
 * and listens on the same port again, so the pod network and the sidecar need no update.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContainerExit, ContainerProcess } from './container-process';
import type { WorkloadHandler } from './workload-app';

export class InProcessContainer implements ContainerProcess {
  private server: Server | undefined;
  private listeningPort: number | undefined;

  constructor(
    private readonly createHandler: () => WorkloadHandler,
    private readonly log: (line: string) => void,
    private readonly onExit: (exit: ContainerExit) => void,
  ) {}

  get port(): number | undefined {
    return this.listeningPort;
  }

  async start(): Promise<void> {
    const handler = this.createHandler();
    const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
      Promise.resolve(handler(req, res)).catch((error: unknown) => {
        this.log(`unhandled error: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listeningPort ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.listeningPort = (server.address() as AddressInfo).port;
    // A server that fails after it listened is a crashed container: the pod runner restarts it.
    server.once('error', (error) => {
      if (this.server !== server) return;
      this.log(`server error: ${error.message}`);
      void this.close(server).then(() =>
        this.onExit({ exitCode: 1, reason: 'Error', message: error.message }),
      );
    });
  }

  async kill(): Promise<void> {
    if (this.server) await this.close(this.server);
  }

  private async close(server: Server): Promise<void> {
    if (this.server === server) this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
