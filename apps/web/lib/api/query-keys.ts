import type {
  AuditAction,
  ExecutionStatus,
  ExecutionTrigger,
  JobKind,
  LogLevel,
  marketplaceSortSchema,
  ProxyProtocol,
  ProxyStatus,
  SessionStatus,
  WebhookDeliveryStatus,
} from '@fleetwright/contracts';
import type { z } from 'zod';

export type MarketplaceSort = z.infer<typeof marketplaceSortSchema>;

export interface SessionListParams {
  page: number;
  pageSize: number;
  status?: SessionStatus;
  tag?: string;
  search?: string;
}

/** Query keys, hierarchical so that one prefix invalidates a whole family. */
export const sessionKeys = {
  all: ['sessions'] as const,
  lists: () => [...sessionKeys.all, 'list'] as const,
  list: (params: SessionListParams) => [...sessionKeys.lists(), params] as const,
  details: () => [...sessionKeys.all, 'detail'] as const,
  detail: (id: string) => [...sessionKeys.details(), id] as const,
  /** Every log query of one session, whatever its level filter. */
  logs: (id: string) => [...sessionKeys.all, 'logs', id] as const,
  logsAtLevel: (id: string, level: LogLevel | undefined) =>
    [...sessionKeys.logs(id), level ?? 'all'] as const,
  metrics: (id: string) => [...sessionKeys.all, 'metrics', id] as const,
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

/** Filters and page of one webhook's deliveries. */
export interface WebhookDeliveryListParams {
  page: number;
  pageSize: number;
  status?: WebhookDeliveryStatus;
  event?: string;
}

export const webhookKeys = {
  all: ['webhooks'] as const,
  lists: () => [...webhookKeys.all, 'list'] as const,
  detail: (id: string) => [...webhookKeys.all, 'detail', id] as const,
  /** Every delivery query of one webhook (its lists, one delivery's detail). */
  deliveries: (id: string) => [...webhookKeys.all, 'deliveries', id] as const,
  deliveryList: (id: string, params: WebhookDeliveryListParams) =>
    [...webhookKeys.deliveries(id), 'list', params] as const,
  delivery: (id: string, deliveryId: string) =>
    [...webhookKeys.deliveries(id), 'detail', deliveryId] as const,
};

export const notificationChannelKeys = {
  all: ['notification-channels'] as const,
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

/** Page and filters of the proxies list (all of them in the URL). */
export interface ProxyListParams {
  page: number;
  pageSize: number;
  status?: ProxyStatus;
  country?: string;
  protocol?: ProxyProtocol;
  tag?: string;
  search?: string;
}

export const proxyKeys = {
  all: ['proxies'] as const,
  lists: () => [...proxyKeys.all, 'list'] as const,
  list: (params: ProxyListParams) => [...proxyKeys.lists(), params] as const,
  detail: (id: string) => [...proxyKeys.all, 'detail', id] as const,
  checks: (id: string, hours: number) => [...proxyKeys.all, 'checks', id, hours] as const,
  countries: () => [...proxyKeys.all, 'countries'] as const,
  validation: (id: string) => [...proxyKeys.all, 'validation', id] as const,
};

export const proxyProviderKeys = {
  all: ['proxy-providers'] as const,
  presets: () => [...proxyProviderKeys.all, 'presets'] as const,
};

/** Page and filters of the jobs list (all of them in the URL). */
export interface JobListParams {
  page: number;
  pageSize: number;
  q?: string;
  kind?: JobKind;
  paused?: boolean;
  tag?: string;
}

export const jobKeys = {
  all: ['jobs'] as const,
  lists: () => [...jobKeys.all, 'list'] as const,
  list: (params: JobListParams) => [...jobKeys.lists(), params] as const,
  detail: (id: string) => [...jobKeys.all, 'detail', id] as const,
};

/** Page and filters of an executions list (a job's run history). */
export interface ExecutionListParams {
  page: number;
  pageSize: number;
  jobId?: string;
  status?: ExecutionStatus;
  trigger?: ExecutionTrigger;
  /** Created at or after / before (ISO instants). */
  from?: string;
  to?: string;
}

export const executionKeys = {
  all: ['executions'] as const,
  lists: () => [...executionKeys.all, 'list'] as const,
  list: (params: ExecutionListParams) => [...executionKeys.lists(), params] as const,
  detail: (id: string) => [...executionKeys.all, 'detail', id] as const,
  logs: (id: string) => [...executionKeys.all, 'logs', id] as const,
};

/** Search, tag and page of the scripts library (all of them in the URL). */
export interface ScriptListParams {
  page: number;
  pageSize: number;
  q?: string;
  tag?: string;
}

export const scriptKeys = {
  all: ['scripts'] as const,
  lists: () => [...scriptKeys.all, 'list'] as const,
  list: (params: ScriptListParams) => [...scriptKeys.lists(), params] as const,
  detail: (id: string) => [...scriptKeys.all, 'detail', id] as const,
  templates: () => [...scriptKeys.all, 'templates'] as const,
  /** Everything about one script's versions: the history, one version's source, diffs. */
  versions: (id: string) => [...scriptKeys.all, 'versions', id] as const,
  version: (id: string, version: number) => [...scriptKeys.versions(id), 'source', version] as const,
  diff: (id: string, from: number, to: number) => [...scriptKeys.versions(id), 'diff', from, to] as const,
};

/** Search, tag, sort and page of the marketplace (all of them in the URL). */
export interface MarketplaceListParams {
  page: number;
  pageSize: number;
  q?: string;
  tag?: string;
  sort: MarketplaceSort;
}

export const marketplaceKeys = {
  all: ['marketplace'] as const,
  lists: () => [...marketplaceKeys.all, 'list'] as const,
  list: (params: MarketplaceListParams) => [...marketplaceKeys.lists(), params] as const,
  detail: (id: string) => [...marketplaceKeys.all, 'detail', id] as const,
};

/** Organization secrets: a handful, listed whole (names and times only; values are write-only). */
export const secretKeys = {
  all: ['secrets'] as const,
};

/** Profiles (issue 12): saved session storage, listed whole (what each holds, never the values). */
export const profileKeys = {
  all: ['profiles'] as const,
  /** Every profile (the session form's picker). */
  whole: () => [...profileKeys.all, 'whole'] as const,
  page: (params: { page: number; pageSize: number }) => [...profileKeys.all, 'page', params] as const,
};
