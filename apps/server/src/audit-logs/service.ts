import type { AuditAction } from '@fleetwright/contracts';
import {
  type Database,
  type DatabaseClient,
  type DatabaseOrTransaction,
  insertAuditLog,
  withTransaction,
} from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import type { Principal } from '../auth/principal.ts';

/** Who acted and from where. */
export interface AuditActor {
  actor: string | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  /** Null for account events (sign-in, 2FA), which belong to a person, not an organization. */
  organizationId: string | null;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export function actorOf(request: {
  principal: Principal | null;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}): AuditActor {
  const principal = request.principal;
  const userAgent = request.headers['user-agent'];
  return {
    actor: principal?.label ?? null,
    actorUserId: principal?.userId ?? null,
    actorApiKeyId: principal?.apiKeyId ?? null,
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 500) : null,
  };
}

/** An audited change: what it answers, and the entry it leaves (null when nothing changed). */
export interface AuditedChange<T> {
  result: T;
  entry: AuditEntry | null;
}

/**
 * The audit log. A change of ours and its entry are written in one transaction (`change`), so an
 * entry the database refuses undoes the change too: nothing is ever changed without its entry.
 */
export class AuditLog {
  readonly #db: Database;
  readonly #pool: DatabaseClient['pool'];
  readonly #logger: Logger;

  constructor(options: { db: Database; pool: DatabaseClient['pool']; logger: Logger }) {
    this.#db = options.db;
    this.#pool = options.pool;
    this.#logger = options.logger;
  }

  /**
   * Runs `work` on a transaction and writes the entry it returns on the same one: both commit, or
   * (the change or the entry failing) neither does and the error propagates.
   */
  async change<T>(
    actor: AuditActor,
    work: (db: DatabaseOrTransaction) => Promise<AuditedChange<T>>,
  ): Promise<T> {
    return withTransaction(this.#pool, async (tx) => {
      const { result, entry } = await work(tx.db);
      if (entry) await this.write(tx.db, actor, entry);
      return result;
    });
  }

  /** Writes an entry on `db`: the caller's transaction, when the change runs in one of its own. */
  async write(db: DatabaseOrTransaction, actor: AuditActor, entry: AuditEntry): Promise<void> {
    await insertAuditLog(db, {
      ...actor,
      organizationId: entry.organizationId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ?? null,
    });
  }

  /**
   * An account event better-auth already committed (sign-in, 2FA, verification): there is no
   * transaction to join, so failing to write it is logged as an error and does not undo it.
   */
  async record(actor: AuditActor, entry: AuditEntry): Promise<void> {
    try {
      await this.write(this.#db, actor, entry);
    } catch (error) {
      this.#logger.error({ err: error, action: entry.action }, 'could not write the audit log');
    }
  }
}
