import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The dashboard's `@/` imports (apps/web/tsconfig.json paths), for its unit tests.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./apps/web/', import.meta.url)) }] },
  test: {
    include: ['**/*.test.ts'],
    // The dashboard's own unit tests (apps/web/**/*.test.ts) run here; its Playwright specs do not.
    exclude: ['**/node_modules/**', 'apps/web/e2e/**', '**/.next/**'],
    // Tests start real Postgres, Chromium and servers: generous limits, no timing assertions.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores: files that each start Chromium fleets run better a couple at a time.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
