import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium';
import { e2eStackConfig } from './e2e/support/stack';

const stack = await e2eStackConfig();

/** End-to-end tests: Debian's Chromium driving the console as a user would. Run via `npm run test:e2e`. */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Two cores shared with the server under test: one browser at a time keeps timings honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // A flaky spec is a bug to fix, not something to retry past.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // Runs after the web server (the demo) is up: waits for what every spec takes for granted.
  globalSetup: './e2e/support/stack-ready.ts',
  use: {
    baseURL: stack.baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
  },
  projects: [
    // Signs in the seeded accounts once through the API and keeps their storage states
    // (e2e/support/signed-in.ts); specs pick one with test.use(signedInAs('admin')).
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions() },
    },
  ],
  webServer: stack.webServers,
});
