/**
 * Next.js calls `register` once when the console server starts: the release controller runs
 * inside the console (Node.js runtime only), leader-elected per cluster.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // A console without its session secret could not keep anyone signed in: refuse to start.
  const { exitUnlessConfigured } = await import('./lib/server/console/console-config');
  exitUnlessConfigured();
  const { startEmbeddedReleaseController } =
    await import('./lib/server/release/embedded-controller');
  await startEmbeddedReleaseController().catch((error: unknown) => {
    // The console stays up without its controller (for example when the cluster is unreachable).
    console.error('[aviary] the release controller could not start:', error);
  });
}
