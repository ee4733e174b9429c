import { lt } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { rateLimits } from '../schema/rate-limits.ts';

/** Removes windows that ended before `now` (a counter reset in place anyway; this keeps the table small). */
export async function pruneRateLimits(db: DatabaseOrTransaction, now: Date): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(lt(rateLimits.resetAt, now))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
