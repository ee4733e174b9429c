import { eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type UserRow, users } from '../schema/users.ts';

/** Emails are stored lower-cased (better-auth normalises them). */
export async function getUserByEmail(db: DatabaseOrTransaction, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

/** Whether any account exists (none yet: the setup link creates the first). */
export async function hasAccounts(db: DatabaseOrTransaction): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}
