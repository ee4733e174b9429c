import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import pg from 'pg';

/** The platform global-setup.ts started; set in every worker before the specs load. */
export function e2eDataDir(): string {
  const dir = process.env.FLEETWRIGHT_E2E_DATA_DIR;
  if (!dir) throw new Error('FLEETWRIGHT_E2E_DATA_DIR is unset: run through playwright.config.ts');
  return dir;
}

export const site = () => process.env.FLEETWRIGHT_E2E_SITE!;
export const baseUrl = () => process.env.FLEETWRIGHT_E2E_URL!;

/** The administrator auth.setup.ts creates through the /setup page. */
export const ADMIN = {
  name: 'Ada Admin',
  email: 'admin@example.test',
  password: 'correct horse battery staple',
};

/** Signed-in browser state of the administrator, shared by the specs that do not test signing in. */
export function adminStatePath(dataDir = process.env.FLEETWRIGHT_E2E_DATA_DIR): string | undefined {
  return dataDir ? path.join(dataDir, 'e2e-admin-state.json') : undefined;
}

/** An API key with every scope, created by auth.setup.ts for the specs' own API calls. */
export function adminApiKey(): string {
  return (JSON.parse(readFileSync(path.join(e2eDataDir(), 'e2e-admin.json'), 'utf8')) as { apiKey: string })
    .apiKey;
}

/** Through the /sign-in page; lands on `next` (the sessions list by default). */
export async function signIn(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  const form = page.getByTestId('sign-in-form');
  await form.locator('[name="email"]').fill(credentials.email);
  await form.locator('[name="password"]').fill(credentials.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

export async function expectSignedIn(page: Page, name = ADMIN.name): Promise<void> {
  await expect(page.getByTestId('current-user')).toHaveText(name);
}

/**
 * Runs SQL on the platform's database: for state that only a worker writes (a proxy's country
 * and health come from checks through real proxies, which these specs do not start).
 */
export async function sql(text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.FLEETWRIGHT_E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
    .toBeLessThanOrEqual(0);
}
