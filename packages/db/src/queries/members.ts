import { and, asc, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type MemberRow, members } from '../schema/members.ts';

/** The user's membership in the organization, or undefined. */
export async function getMembership(
  db: DatabaseOrTransaction,
  key: { organizationId: string; userId: string },
): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.organizationId, key.organizationId), eq(members.userId, key.userId)));
  return row;
}

/** The organization the user joined first, for a session that has none active. */
export async function getFirstMembership(
  db: DatabaseOrTransaction,
  userId: string,
): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(members)
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt))
    .limit(1);
  return row;
}
