'use client';

import { useTranslations } from 'next-intl';

/**
 * Without SMTP the server keeps mails in its outbox (Administration → Outbox) and log: the person
 * cannot receive the link, an administrator has to pass it on.
 */
export function MailOutboxHint({ what }: { what: 'reset' | 'confirmation' | 'link' | 'yourLink' }) {
  const t = useTranslations('auth');
  return <p className="text-xs text-muted-foreground">{t('mailOutboxHint', { what })}</p>;
}
