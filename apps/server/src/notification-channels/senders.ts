import { randomUUID } from 'node:crypto';
import type { Config } from '@fleetwright/config';
import type { NotificationTestResult } from '@fleetwright/contracts';
import type { NotificationChannelRow } from '@fleetwright/db';
import type { Keyring } from '@fleetwright/secrets';
import type { Mailer } from '../auth/mailer.ts';
import type { HttpPoster, PostOutcome } from '../webhooks/http-post.ts';
import { signedHeaders } from '../webhooks/signing.ts';
import type { NotificationMessage } from './messages.ts';
import { openChannelSecret } from './secrets.ts';

export interface ChannelSenderDeps {
  poster: HttpPoster;
  mailer: Pick<Mailer, 'send'>;
  keyring: Keyring;
  config: Pick<Config, 'TELEGRAM_API_URL'>;
}

/** Discord refuses a message over 2000 characters; Slack and Telegram take more, but a notification is short. */
const CHAT_TEXT_LIMIT = 2000;

/**
 * Sends one message to one channel in the channel's format: mail, a signed webhook (like an
 * organization webhook's, event `notification`), Slack's `{ text }`, Discord's `{ content }`,
 * Telegram's sendMessage. URLs go through the guarded poster with the organization's private targets.
 */
export async function sendToChannel(
  deps: ChannelSenderDeps,
  channel: NotificationChannelRow,
  message: NotificationMessage,
  privateTargets: readonly string[],
): Promise<NotificationTestResult> {
  const secret = channel.secret ? openChannelSecret(deps.keyring, channel.id, channel.secret) : null;
  const text = message.text.slice(0, CHAT_TEXT_LIMIT);
  const post = (url: string, body: unknown, headers?: Record<string, string>) =>
    deps.poster.post(url, JSON.stringify(body), { headers, privateTargets }).then(toResult);
  switch (channel.kind) {
    case 'email':
      for (const to of channel.settings.to ?? [])
        await deps.mailer.send({ to, subject: message.subject, text: message.text });
      return { ok: true, statusCode: null, error: null };
    case 'webhook': {
      const id = randomUUID();
      const body = JSON.stringify({
        id,
        event: 'notification',
        createdAt: new Date().toISOString(),
        organizationId: channel.organizationId,
        data: { ...message.subjectOf, link: message.link, text: message.text },
      });
      const outcome = await deps.poster.post(channel.settings.url ?? '', body, {
        headers: signedHeaders({ id, secret: secret ?? '', body }),
        privateTargets,
      });
      return toResult(outcome);
    }
    case 'slack':
      return post(secret ?? '', { text });
    case 'discord':
      return post(secret ?? '', { content: text });
    case 'telegram': {
      const base = deps.config.TELEGRAM_API_URL.replace(/\/+$/, '');
      return post(`${base}/bot${secret}/sendMessage`, {
        chat_id: channel.settings.chatId,
        text,
        disable_web_page_preview: true,
      });
    }
  }
}

function toResult(outcome: PostOutcome): NotificationTestResult {
  return { ok: outcome.ok, statusCode: outcome.statusCode, error: outcome.error };
}
