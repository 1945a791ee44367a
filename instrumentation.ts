/**
 * Next.js calls `register` once when the console server starts: the release controller runs
 * inside the console (Node.js runtime only), leader-elected per cluster.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // A console without its session secret could not keep anyone signed in: refuse to start,
  // saying what to set, instead of failing on the first sign-in.
  const { parseConsoleConfig } = await import('./lib/server/console/console-config');
  try {
    parseConsoleConfig(process.env);
  } catch (error) {
    console.error(`[aviary] the console cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const { startEmbeddedReleaseController } =
    await import('./lib/server/release/embedded-controller');
  await startEmbeddedReleaseController().catch((error: unknown) => {
    // The console stays up without its controller (for example when the cluster is unreachable).
    console.error('[aviary] the release controller could not start:', error);
  });
}
