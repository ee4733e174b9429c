import type { AuditLog } from '@fleetwright/contracts';
import type { AuditLogRow } from '@fleetwright/db';

export function toAuditLog(row: AuditLogRow): AuditLog {
  return {
    id: row.id,
    organizationId: row.organizationId,
    action: row.action,
    actor: row.actor,
    actorUserId: row.actorUserId,
    actorApiKeyId: row.actorApiKeyId,
    targetType: row.targetType,
    targetId: row.targetId,
    details: row.details,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
  };
}
