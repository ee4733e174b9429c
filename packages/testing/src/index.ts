export {
  type Administrator,
  bootstrapAdministrator,
  fetchCall,
  type HttpCall,
  TEST_ADMIN,
} from './bootstrap.ts';
export { CookieJar, type SetCookieSource } from './cookie-jar.ts';
export { type FollowOidcRedirectsOptions, followOidcRedirects } from './follow-oidc-redirects.ts';
export { freePort } from './free-port.ts';
export {
  startTestOidcProvider,
  type TestOidcIdentity,
  type TestOidcProvider,
  type TestOidcProviderOptions,
} from './oidc-provider.ts';
export {
  autogroupOf,
  descendantsOf,
  isAlive,
  listProcesses,
  type ProcessInfo,
  profileDirOf,
  profileDirsOf,
  pssOf,
  threadNiceValues,
} from './processes.ts';
export { startSite, type TestSite } from './site.ts';
export { linksIn, type NextMailOptions, type ReceivedMail, startTestSmtp, type TestSmtp } from './smtp.ts';
export {
  ConnectionTracker,
  refusingProxyAddress,
  startTestProxy,
  type TestProxy,
  type TestProxyOptions,
  type TestProxyProtocol,
  type TestProxyReveal,
} from './test-proxy.ts';
export { TEST_TLS } from './test-tls.ts';
export { totp } from './totp.ts';
export { type WaitForOptions, waitFor } from './wait-for.ts';
