/**
 * Without SMTP the server keeps mails in its outbox (Administration → Outbox) and log: the person
 * cannot receive the link, an administrator has to pass it on.
 */
export function MailOutboxHint({ what }: { what: string }) {
  return (
    <p className="text-xs text-muted-foreground">
      This server sends no mail yet (no SMTP configured): ask an administrator for {what} — it waits in the
      platform’s mail outbox.
    </p>
  );
}
