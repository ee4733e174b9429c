import type { NotificationChannel } from '@fleetwright/contracts';
import type { NotificationChannelRow } from '@fleetwright/db';
import type { Keyring } from '@fleetwright/secrets';
import { openChannelSecret } from './secrets.ts';

/** `…` and the last four characters: enough to tell two secrets apart, not to use one. */
function lastFour(secret: string): string {
  return `…${secret.slice(-4)}`;
}

/**
 * The API's view of a channel. Secret parts are answered masked: a Slack or Discord URL as its
 * origin and last four characters (the path is the credential), a token or signing secret as its
 * last four.
 */
export function toNotificationChannel(keyring: Keyring, row: NotificationChannelRow): NotificationChannel {
  const secret = row.secret ? openChannelSecret(keyring, row.id, row.secret) : null;
  const base = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled,
    secretHint: secret ? lastFour(secret) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  switch (row.kind) {
    case 'email':
      return { ...base, to: row.settings.to ?? [] };
    case 'webhook':
      return { ...base, url: row.settings.url ?? '' };
    case 'slack':
    case 'discord':
      return { ...base, url: secret ? `${new URL(secret).origin}/${lastFour(secret)}` : '' };
    case 'telegram':
      return { ...base, chatId: row.settings.chatId ?? '' };
  }
}
