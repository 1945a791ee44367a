import { CommandFailure } from '../cli-errors';
import { isPortAvailable } from './port-available';

/** Fails at once, naming the flag to change, when one of the ports is taken (another demo?). */
export async function requireFreePorts(ports: Record<string, number>): Promise<void> {
  for (const [name, port] of Object.entries(ports)) {
    if (port !== 0 && !(await isPortAvailable(port))) {
      throw new CommandFailure(
        `port ${port} on 127.0.0.1 (${name}) is in use: stop what uses it or pick another with --${name}-port N`,
      );
    }
  }
}
