import type { AuditAction, InstanceStatus, LogLevel } from '@fleetwright/contracts';

export interface InstanceListParams {
  page: number;
  pageSize: number;
  status?: InstanceStatus;
  tag?: string;
  search?: string;
}

/** Query keys, hierarchical so that one prefix invalidates a whole family. */
export const instanceKeys = {
  all: ['instances'] as const,
  lists: () => [...instanceKeys.all, 'list'] as const,
  list: (params: InstanceListParams) => [...instanceKeys.lists(), params] as const,
  details: () => [...instanceKeys.all, 'detail'] as const,
  detail: (id: string) => [...instanceKeys.details(), id] as const,
  /** Every log query of one instance, whatever its level filter. */
  logs: (id: string) => [...instanceKeys.all, 'logs', id] as const,
  logsAtLevel: (id: string, level: LogLevel | undefined) =>
    [...instanceKeys.logs(id), level ?? 'all'] as const,
  metrics: (id: string) => [...instanceKeys.all, 'metrics', id] as const,
};

export const workerKeys = {
  all: ['workers'] as const,
};

export const deviceKeys = {
  all: ['devices'] as const,
};

export const accountKeys = {
  me: ['me'] as const,
  /** Public: what the sign-in and sign-up pages offer. */
  options: ['auth-options'] as const,
};

export const apiKeyKeys = {
  all: ['api-keys'] as const,
};

export const organizationKeys = {
  all: ['organizations'] as const,
  /** GET /organization: plan, quotas and target policy of the organization the session acts for. */
  settings: () => [...organizationKeys.all, 'settings'] as const,
  members: (organizationId: string) => [...organizationKeys.all, organizationId, 'members'] as const,
  invitations: (organizationId: string) => [...organizationKeys.all, organizationId, 'invitations'] as const,
};

/** Filters and page of the audit log; dates are ISO instants. */
export interface AuditLogListParams {
  page: number;
  pageSize: number;
  action?: AuditAction;
  actor?: string;
  since?: string;
  until?: string;
}

export const auditLogKeys = {
  all: ['audit-logs'] as const,
  list: (params: AuditLogListParams) => [...auditLogKeys.all, params] as const,
};

/** Platform administration: every organization, the mail outbox. */
export const adminKeys = {
  all: ['admin'] as const,
  organizations: () => [...adminKeys.all, 'organizations'] as const,
  mails: () => [...adminKeys.all, 'mails'] as const,
};
