import { expect, type Page, test } from '@playwright/test';
import { ADMIN, site } from './support';

// The main journey on a phone-sized screen in dark mode, once per language: sign in (the sign-in
// page speaks the browser's language), choose the language and the dark theme in the user menu
// (saved for the user), create a session, open it, open the profile. Nothing may overflow sideways
// and no inline script may be refused by the Content-Security-Policy. Each pass is a new browser
// (another device): it must open in the language and theme the previous pass saved.

const PASSES = [
  {
    locale: 'en',
    browserLocale: 'en-US',
    signIn: { title: 'Sign in to Fleetwright', submit: 'Sign in' },
    sessions: 'Sessions',
    newSession: 'New session',
    autoStart: 'Start right away',
    create: 'Create session',
    details: 'Details',
    notRunning: 'Not running',
    stopped: 'Stopped',
    profile: 'Profile',
    twoFactor: 'Two-factor authentication',
  },
  {
    locale: 'pt-BR',
    browserLocale: 'pt-BR',
    signIn: { title: 'Entrar no Fleetwright', submit: 'Entrar' },
    sessions: 'Sessões',
    newSession: 'Nova sessão',
    autoStart: 'Iniciar imediatamente',
    create: 'Criar sessão',
    details: 'Detalhes',
    notRunning: 'Fora de execução',
    stopped: 'Parada',
    profile: 'Perfil',
    twoFactor: 'Autenticação em dois fatores',
  },
  {
    locale: 'es',
    // Any Spanish reads `es`.
    browserLocale: 'es-MX',
    signIn: { title: 'Inicia sesión en Fleetwright', submit: 'Iniciar sesión' },
    sessions: 'Sesiones',
    newSession: 'Nueva sesión',
    autoStart: 'Iniciar de inmediato',
    create: 'Crear sesión',
    details: 'Detalles',
    notRunning: 'No está en ejecución',
    stopped: 'Detenida',
    profile: 'Perfil',
    twoFactor: 'Autenticación en dos pasos',
  },
] as const;

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
    .toBeLessThanOrEqual(0);
}

test.describe('at 375 px in dark mode', () => {
  // One journey in three languages: each pass expects what the one before saved.
  test.describe.configure({ mode: 'serial' });
  // A fresh browser (no stored sign-in), the width of a small phone.
  test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 375, height: 812 } });

  // The user's saved language and theme would follow the administrator into the other specs.
  test.afterEach(async ({ page }, testInfo) => {
    const last = testInfo.title.endsWith(PASSES.at(-1)!.locale);
    if (testInfo.status === testInfo.expectedStatus && !last) return;
    await page.evaluate(async () => {
      const csrf = /(?:^|; )fw_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      await fetch('/api/v1/me/preferences', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ locale: null, theme: null }),
      });
    });
  });

  for (const [index, pass] of PASSES.entries()) {
    const saved = PASSES[index - 1];
    test.describe(pass.locale, () => {
      test.use({ locale: pass.browserLocale });

      test(`signs in, creates a session and opens the profile in ${pass.locale}`, async ({ page }) => {
        const refused: string[] = [];
        page.on('console', (message) => {
          if (/Content.Security.Policy/i.test(message.text())) refused.push(message.text());
        });

        // Before sign-in the browser's Accept-Language decides.
        await page.goto('/sign-in');
        await expect(page.getByRole('heading', { name: pass.signIn.title })).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', pass.locale);
        await expectNoHorizontalOverflow(page);
        const form = page.getByTestId('sign-in-form');
        await form.locator('[name="email"]').fill(ADMIN.email);
        await form.locator('[name="password"]').fill(ADMIN.password);
        await form.getByRole('button', { name: pass.signIn.submit, exact: true }).click();
        await expect(page).toHaveURL(/\/sessions$/);

        // Signed in, the user's saved language and theme win over this browser's (from the first
        // page on: the sign-in page adopts them before it leaves).
        await expect(page.getByRole('heading', { level: 1, name: (saved ?? pass).sessions })).toBeVisible();
        if (saved) {
          await expect(page.locator('html')).toHaveAttribute('lang', saved.locale);
          await expect(page.locator('html')).toHaveClass(/\bdark\b/);
        }

        // The user menu: language (saved for the user, so any device follows) and theme.
        await page.getByTestId('user-menu').click();
        await page.getByTestId(`locale-${pass.locale}`).click();
        await expect(page.getByRole('heading', { level: 1, name: pass.sessions })).toBeVisible();
        await page.getByTestId('user-menu').click();
        await page.getByTestId('theme-dark').click();
        await expect(page.locator('html')).toHaveClass(/\bdark\b/);
        await expect(page.getByTestId('sessions-table')).toBeVisible();
        await expectNoHorizontalOverflow(page);

        // The theme outlives a reload without a flash: next-themes' inline script (with the
        // nonce) sets it before the page paints, and the language comes from the cookie.
        await page.reload();
        await expect(page.locator('html')).toHaveClass(/\bdark\b/);
        await expect(page.locator('html')).toHaveAttribute('lang', pass.locale);

        await page.getByTestId('new-session-button').click();
        await expect(page.getByRole('heading', { level: 1, name: pass.newSession })).toBeVisible();
        const create = page.getByTestId('create-session-form');
        await create.locator('[name="name"]').fill(`phone ${pass.locale}`);
        await create.locator('[name="startUrl"]').fill(site());
        // Created stopped: the journey is about the pages, not about starting browsers.
        await create.getByLabel(pass.autoStart).uncheck();
        await expectNoHorizontalOverflow(page);
        await create.getByRole('button', { name: pass.create }).click();

        await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
        await expect(page.getByTestId('session-name')).toHaveText(`phone ${pass.locale}`);
        await expect(page.getByTestId('status-badge').first()).toHaveText(pass.stopped);
        await expect(page.getByTestId('session-details')).toContainText(pass.details);
        await expect(page.getByTestId('live-view-placeholder')).toContainText(pass.notRunning);
        await expectNoHorizontalOverflow(page);

        // The navigation is a drawer behind the menu button on a phone.
        await page.getByTestId('nav-menu').click();
        await page.getByRole('dialog').getByRole('link', { name: pass.profile, exact: true }).click();
        await expect(page.getByRole('heading', { level: 1, name: pass.profile, exact: true })).toBeVisible();
        await expect(page.getByTestId('two-factor')).toContainText(pass.twoFactor);
        await expect(page.getByRole('dialog')).toHaveCount(0);
        await expectNoHorizontalOverflow(page);

        expect(refused).toEqual([]);
      });
    });
  }
});

test.describe('every dashboard page at 375 px', () => {
  // Signed in as the administrator (stored state); the system's dark theme; Portuguese, whose
  // longer words are the likelier to push a row wider than the screen.
  test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark', locale: 'pt-BR' });

  test('fits the width of a phone, in the system theme', async ({ page }) => {
    const pages = [
      ['/workers', 'Workers'],
      ['/proxies', 'Proxies'],
      ['/proxies/providers', 'Provedores de proxy'],
      ['/settings/organization', 'Organização'],
      ['/settings/members', 'Membros'],
      ['/settings/api-keys', 'Chaves de API'],
      ['/settings/audit-log', 'Registro de auditoria'],
      ['/admin/organizations', 'Organizações'],
      ['/admin/outbox', 'Caixa de saída'],
    ] as const;
    for (const [path, title] of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.locator('html')).toHaveClass(/\bdark\b/);
      await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
      await expectNoHorizontalOverflow(page);
    }
  });
});
