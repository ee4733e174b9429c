import type { AuditAction } from '@fleetwright/contracts';
import { type Database, insertAuditLog } from '@fleetwright/db';
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

/**
 * The audit log. A record is written after the action succeeded, awaited; failing to write it is
 * logged as an error but does not undo the action (it already happened).
 */
export class AuditLog {
  readonly #db: Database;
  readonly #logger: Logger;

  constructor(db: Database, logger: Logger) {
    this.#db = db;
    this.#logger = logger;
  }

  async record(actor: AuditActor, entry: AuditEntry): Promise<void> {
    try {
      await insertAuditLog(this.#db, {
        ...actor,
        organizationId: entry.organizationId,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        details: entry.details ?? null,
      });
    } catch (error) {
      this.#logger.error({ err: error, action: entry.action }, 'could not write the audit log');
    }
  }
}
