import { CookieJar } from './cookie-jar.ts';
import { decodeHtmlEntities } from './html.ts';

export interface FollowOidcRedirectsOptions {
  /** The relying party's origin (`http://127.0.0.1:<port>`): following stops at the first redirect to it. */
  appOrigin: string;
  /**
   * The browser's cookies at the provider, kept apart from the app's. Pass the same jar to several calls
   * to keep a provider session between them.
   * @default a new empty jar (a browser that never visited the provider)
   */
  providerCookies?: CookieJar;
  /**
   * Provider responses to go through before giving up; the test provider needs three (authorization,
   * interaction, resume), two more when it first ends the session of another identity.
   * @default 10
   */
  maxSteps?: number;
}

/**
 * Plays the browser between an app and an OpenID Connect provider: starting at `authorizationUrl` (the
 * provider URL the app's "start sign-in" endpoint answered with or redirected to), follows the provider's
 * redirects with GET, keeping its cookies, and returns the first redirect back to `appOrigin` without
 * requesting it — the test calls that callback URL itself, with the app's cookies.
 *
 * Like a browser with JavaScript, it also submits the self-submitting forms oidc-provider answers with
 * within its own origin (the logout confirmation when another identity signs in on the same session).
 * Throws on any other non-redirect (an error page: its status and text are in the message), on a form
 * aimed at the app (`response_mode=form_post` is not supported: use the default query mode), or after
 * `maxSteps` responses.
 */
export async function followOidcRedirects(
  authorizationUrl: string | URL,
  options: FollowOidcRedirectsOptions,
): Promise<URL> {
  const appOrigin = new URL(options.appOrigin).origin;
  const cookies = options.providerCookies ?? new CookieJar();
  const maxSteps = options.maxSteps ?? 10;
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;
  if (url.origin === appOrigin) {
    throw new Error(
      `${url} is on the app's origin: pass the provider's authorization URL the app redirects to`,
    );
  }
  for (let step = 0; step < maxSteps; step++) {
    const headers = new Headers();
    const cookie = cookies.header();
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, {
      redirect: 'manual',
      headers,
      ...(form ? { method: 'POST', body: form } : {}),
    });
    cookies.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      url = new URL(location, url);
      form = undefined;
      if (url.origin === appOrigin) return url;
      continue;
    }
    const body = await response.text();
    const submitted = response.status === 200 ? selfSubmittingForm(body, url) : undefined;
    if (!submitted)
      throw new Error(`Expected a redirect from ${url}, got ${response.status}: ${body.slice(0, 500)}`);
    if (submitted.action.origin === appOrigin) {
      throw new Error(
        `${url} answered with a form posted to the app (response_mode=form_post), not supported`,
      );
    }
    url = submitted.action;
    form = submitted.fields;
  }
  throw new Error(`No redirect back to ${appOrigin} after ${maxSteps} provider responses (last: ${url})`);
}

/** oidc-provider's "Submitting Callback" page: one POST form of hidden inputs that submits itself. */
function selfSubmittingForm(html: string, base: URL): { action: URL; fields: URLSearchParams } | undefined {
  if (!html.includes('document.forms[0].submit()')) return undefined;
  const action = /<form method="post" action="([^"]*)"/i.exec(html)?.[1];
  if (action === undefined) return undefined;
  const fields = new URLSearchParams();
  for (const [, name = '', value = ''] of html.matchAll(
    /<input type="hidden" name="([^"]*)" value="([^"]*)"/gi,
  )) {
    fields.append(decodeHtmlEntities(name), decodeHtmlEntities(value));
  }
  return { action: new URL(decodeHtmlEntities(action), base), fields };
}
