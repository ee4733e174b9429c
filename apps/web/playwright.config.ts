import { findChromium } from '@fleetwright/browsers';
import { defineConfig } from '@playwright/test';
import { adminStatePath } from './e2e/support';

// The dashboard end-to-end tests run against the real platform (`fleetwright start`: embedded
// PostgreSQL, server, one worker) started by e2e/global-setup.ts, in Debian's or Playwright's
// Chromium found by the same lookup the workers use. The `setup` project creates the
// administrator through the /setup page and saves its signed-in state for the other specs.
// Environment variables set by the global setup reach the workers, which load this file again:
// that is how baseURL and storageState know the platform's address and data directory.
export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.FLEETWRIGHT_E2E_URL,
    launchOptions: { executablePath: findChromium()?.path },
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    {
      name: 'dashboard',
      testMatch: /\.spec\.ts$/,
      dependencies: ['setup'],
      use: { storageState: adminStatePath() },
    },
  ],
});
