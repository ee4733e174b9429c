export { columnContext, loadKeyring, openColumn, sealColumn } from './columns.ts';
export {
  decryptSecret,
  encryptSecret,
  isEncryptedSecret,
  needsReencryption,
  SecretDecryptError,
  type SecretDecryptReason,
} from './encrypted-secret.ts';
export { type Keyring, KeyringError, keyringFromSecret, parseKeyring } from './keyring.ts';
export {
  openOrganizationSecrets,
  openSecretValue,
  sealSecretValue,
  secretValueContext,
} from './organization-secrets.ts';
export { openProfileState, profileStateContext, sealProfileState } from './profile-states.ts';
export { openProviderPassword, providerPasswordContext, sealProviderPassword } from './provider-passwords.ts';
export { openProxyPassword, proxyPasswordContext, sealProxyPassword } from './proxy-passwords.ts';
