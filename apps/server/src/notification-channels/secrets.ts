import { columnContext, type Keyring, openColumn, sealColumn } from '@fleetwright/secrets';

export function sealChannelSecret(keyring: Keyring, id: string, secret: string): string {
  return sealColumn(keyring, secret, columnContext('notification_channels', 'secret', id)) as string;
}

export function openChannelSecret(keyring: Keyring, id: string, sealed: string): string {
  return openColumn(keyring, sealed, columnContext('notification_channels', 'secret', id)) as string;
}
