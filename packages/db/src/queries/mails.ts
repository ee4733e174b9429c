import { desc } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type MailRow, mails, type NewMailRow } from '../schema/mails.ts';

/** The newest mails first (the outbox page). */
export function listMails(db: DatabaseOrTransaction, limit: number): Promise<MailRow[]> {
  return db.select().from(mails).orderBy(desc(mails.createdAt)).limit(limit);
}

/** Records a mail: sent, kept in the outbox (no SMTP), or failed. Platform mail, no organization. */
export async function insertMail(db: DatabaseOrTransaction, values: NewMailRow): Promise<void> {
  await db.insert(mails).values(values);
}
