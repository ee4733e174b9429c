import { lt, sql } from 'drizzle-orm';
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

/**
 * Counts one request in the fixed window of `key` (one atomic upsert, by the primary key): a window
 * that ended starts again at 1. Answers the count in the window and the milliseconds it has left.
 * Keys are per client address, not per organization: the limit holds before anyone is signed in.
 */
export async function incrementRateLimit(
  db: DatabaseOrTransaction,
  params: { key: string; windowMs: number },
): Promise<{ current: number; ttl: number }> {
  const result = await db.execute<{ current: number; ttl: number }>(sql`
    INSERT INTO rate_limits (key, count, reset_at)
      VALUES (${params.key}, 1, now() + make_interval(secs => ${params.windowMs} / 1000.0))
    ON CONFLICT (key) DO UPDATE SET
      count    = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.count + 1 END,
      reset_at = CASE WHEN rate_limits.reset_at <= now() THEN excluded.reset_at ELSE rate_limits.reset_at END
    RETURNING count AS current, greatest(0, ceil(extract(epoch FROM reset_at - now()) * 1000))::int AS ttl`);
  return result.rows[0]!;
}
