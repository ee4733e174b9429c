/** What other server features use of provider entries (their routes are registered by app.ts). */
export { type ProviderSessionTarget, providerSessionProxyUrl } from './session-proxy.ts';
