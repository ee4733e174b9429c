import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * The round-robin cursor of an organization's pool (issue 10): the id of the proxy handed out last.
 * The next pick is the first candidate after it in id order, wrapping around; the row is locked
 * while a pick reads and moves it, so concurrent starts each get the next proxy, not the same one.
 * Not a foreign key: a deleted proxy's id still orders the ones after it.
 */
export const proxyCursors = pgTable('proxy_cursors', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  lastProxyId: uuid('last_proxy_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
