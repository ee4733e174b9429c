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

/** A user's dashboard language and theme (null: not chosen). */
export interface UserPreferencesRow {
  locale: string | null;
  theme: string | null;
}

export async function getUserPreferences(
  db: DatabaseOrTransaction,
  userId: string,
): Promise<UserPreferencesRow | undefined> {
  const [row] = await db
    .select({ locale: users.locale, theme: users.theme })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Changes the fields given (undefined keeps one, null clears it) and returns the result. */
export async function updateUserPreferences(
  db: DatabaseOrTransaction,
  userId: string,
  changes: Partial<UserPreferencesRow>,
): Promise<UserPreferencesRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ locale: users.locale, theme: users.theme });
  return row;
}
