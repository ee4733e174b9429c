import { publicUrl } from '@fleetwright/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectCall, startTestApp, type TestApp } from './support.ts';

let testApp: TestApp;
let origin: string;

beforeAll(async () => {
  testApp = await startTestApp();
  origin = publicUrl(testApp.testDatabase.config);
});
afterAll(async () => {
  await testApp?.close();
});

const call = () => injectCall(testApp.app);

function asUser(extra: Record<string, string> = {}) {
  const { cookie, csrfToken } = testApp.administrator;
  return { cookie, origin, 'x-csrf-token': csrfToken, ...extra };
}

/** PATCH /me/preferences as the signed-in administrator (with the CSRF token unless `headers` say). */
function patchPreferences(body: unknown, headers: Record<string, string> = asUser()) {
  return call()({ method: 'PATCH', url: '/api/v1/me/preferences', headers, body });
}

describe('user preferences', () => {
  it('starts with no language or theme chosen, so the browser decides', async () => {
    const me = await call()({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: testApp.administrator.cookie },
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ preferences: { locale: null, theme: null } });
  });

  it('remembers the language and theme a user chooses, for every device', async () => {
    const changed = await patchPreferences({ locale: 'pt-BR', theme: 'dark' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ locale: 'pt-BR', theme: 'dark' });

    const onlyTheme = await patchPreferences({ theme: 'system' });
    expect(onlyTheme.body).toEqual({ locale: 'pt-BR', theme: 'system' });

    const me = await call()({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: testApp.administrator.cookie },
    });
    expect(me.body).toMatchObject({ preferences: { locale: 'pt-BR', theme: 'system' } });
  });

  it('clears a choice with null', async () => {
    const cleared = await patchPreferences({ locale: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({ locale: null, theme: 'system' });
  });

  it('refuses a language it does not offer, naming the field', async () => {
    const response = await patchPreferences({ locale: 'fr' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_ERROR', field: 'locale' });
  });

  it('refuses an unknown theme, an unknown field and an empty change', async () => {
    const theme = await patchPreferences({ theme: 'sepia' });
    expect(theme.status).toBe(400);
    expect(theme.body).toMatchObject({ code: 'VALIDATION_ERROR', field: 'theme' });

    const unknown = await patchPreferences({ locale: 'es', fontSize: 20 });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION_ERROR' });

    const empty = await patchPreferences({});
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION_ERROR' });

    const me = await call()({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: testApp.administrator.cookie },
    });
    expect(me.body).toMatchObject({ preferences: { locale: null, theme: 'system' } });
  });

  it('refuses a change without the CSRF token or from another origin', async () => {
    const noToken = await patchPreferences(
      { locale: 'es' },
      { cookie: testApp.administrator.cookie, origin },
    );
    expect(noToken.status).toBe(403);
    expect(noToken.body).toMatchObject({ code: 'CSRF_REJECTED' });

    const otherOrigin = await patchPreferences({ locale: 'es' }, asUser({ origin: 'https://evil.example' }));
    expect(otherOrigin.status).toBe(403);
    expect(otherOrigin.body).toMatchObject({ code: 'CSRF_REJECTED' });
  });

  it('refuses an API key: preferences belong to a person', async () => {
    const response = await testApp.api({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      payload: { locale: 'es' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a caller who is not signed in', async () => {
    const response = await call()({ method: 'PATCH', url: '/api/v1/me/preferences', body: { locale: 'es' } });
    expect(response.status).toBe(401);
  });
});
