import { and, asc, eq, gt } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { invitations, type MemberRow, members } from '../schema/members.ts';
import { organizations } from '../schema/organizations.ts';

/** A membership with what every request needs of its organization (plan, quota overrides). */
export type MembershipRow = MemberRow & Pick<typeof organizations.$inferSelect, 'plan' | 'quotaOverrides'>;

const membershipColumns = {
  id: members.id,
  organizationId: members.organizationId,
  userId: members.userId,
  role: members.role,
  createdAt: members.createdAt,
  plan: organizations.plan,
  quotaOverrides: organizations.quotaOverrides,
};

/** The user's membership in the organization, or undefined. */
export async function getMembership(
  db: DatabaseOrTransaction,
  key: { organizationId: string; userId: string },
): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select(membershipColumns)
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(and(eq(members.organizationId, key.organizationId), eq(members.userId, key.userId)));
  return row;
}

/** The organization the user joined first, for a session that has none active. */
export async function getFirstMembership(
  db: DatabaseOrTransaction,
  userId: string,
): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select(membershipColumns)
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt))
    .limit(1);
  return row;
}

/** Whether `email` has an invitation that can still be accepted (sign-up in invite mode). */
export async function hasPendingInvitation(db: DatabaseOrTransaction, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.email, email.toLowerCase()),
        eq(invitations.status, 'pending'),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Makes the user a member with `role`; nothing happens if they are one already. */
export async function addMember(
  db: DatabaseOrTransaction,
  values: Pick<MemberRow, 'organizationId' | 'userId' | 'role'>,
): Promise<void> {
  await db.insert(members).values(values).onConflictDoNothing();
}
