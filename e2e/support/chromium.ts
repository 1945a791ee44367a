import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, never a browser Playwright downloads (the download fails on these machines).
 * The flags stop the background traffic Chromium keeps attempting toward hosts the closed network
 * refuses, which otherwise slows pages and fills logs.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const isRoot = process.getuid?.() === 0;
  return {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      // Chromium refuses to start its sandbox as root (CI runs as root in a container).
      ...(isRoot ? ['--no-sandbox'] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-gpu',
    ],
  };
}
