import { findChromium } from '@fleetwright/browsers';
import { defineConfig } from '@playwright/test';

// The dashboard end-to-end tests run against the real platform (`fleetwright start`: embedded
// PostgreSQL, server, one worker) started by e2e/global-setup.ts, in Debian's or Playwright's
// Chromium found by the same lookup the workers use.
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
});
