import { desc } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type MailRow, mails } from '../schema/mails.ts';

/** The newest mails first (the outbox page). */
export function listMails(db: DatabaseOrTransaction, limit: number): Promise<MailRow[]> {
  return db.select().from(mails).orderBy(desc(mails.createdAt)).limit(limit);
}
