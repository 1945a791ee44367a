import type { RunningService, ServiceDefinition } from './service';

const shutdownSignals = ['SIGINT', 'SIGTERM'] as const;

/**
 * Starts `services` in order, prints their endpoints, and runs until Ctrl-C (SIGINT), SIGTERM or
 * the end of any service; then stops the started ones in reverse order. Resolves to the exit
 * code: 0 after a signal, 1 when a service failed to start or ended by itself.
 */
export async function runServices(
  services: readonly ServiceDefinition[],
  log: (line: string) => void = console.log,
): Promise<number> {
  const running: RunningService[] = [];
  let firstSignalAt: number | undefined;
  let onShutdown: (reason: string) => void = () => {};
  const shutdown = new Promise<string>((resolve) => (onShutdown = resolve));
  const handleSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      log(`\n${signal}: stopping (press Ctrl-C again to force)`);
      onShutdown(signal);
      return;
    }
    // One Ctrl-C under `npm run` arrives twice (from the terminal and forwarded by npm): only a
    // later, deliberate one means "now". Exiting runs the exit hook that kills the child groups.
    if (Date.now() - firstSignalAt > 1_000) process.exit(130);
  };
  for (const signal of shutdownSignals) process.on(signal, handleSignal);

  async function stopAll(): Promise<void> {
    for (const service of running.reverse()) {
      log(`stopping ${service.name}`);
      await service.stop();
    }
  }

  try {
    for (const definition of services) {
      log(`starting ${definition.name}`);
      const started = await Promise.race([definition.start(), shutdown.then(() => undefined)]);
      if (!started) {
        await stopAll();
        return 0;
      }
      running.push(started);
    }

    const width = Math.max(
      ...running.flatMap((service) => service.endpoints.map((endpoint) => endpoint.label.length)),
    );
    log('');
    for (const endpoint of running.flatMap((service) => service.endpoints)) {
      log(`  ${endpoint.label.padEnd(width)}  ${endpoint.url}`);
    }
    log('\nready; press Ctrl-C to stop');

    const reason = await Promise.race([
      shutdown.then(() => undefined),
      ...running.map((service) => service.ended.then((why) => `${service.name} ended: ${why}`)),
    ]);
    if (reason) log(reason);
    await stopAll();
    return reason ? 1 : 0;
  } catch (error) {
    await stopAll();
    throw error;
  } finally {
    for (const signal of shutdownSignals) process.off(signal, handleSignal);
  }
}
