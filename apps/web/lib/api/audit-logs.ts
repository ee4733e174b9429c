'use client';

import type { AuditLog } from '@fleetwright/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch, apiUrl } from './client';
import { type AuditLogListParams, auditLogKeys } from './query-keys';

export interface AuditLogPage {
  items: AuditLog[];
  total: number;
  page: number;
  pageSize: number;
}

function filterQuery(params: Omit<AuditLogListParams, 'page' | 'pageSize'>) {
  return { action: params.action, actor: params.actor, since: params.since, until: params.until };
}

/** The organization's audit log, newest first (ADMIN). */
export function useAuditLogs(params: AuditLogListParams) {
  return useQuery({
    queryKey: auditLogKeys.list(params),
    queryFn: ({ signal }) =>
      apiFetch<AuditLogPage>('/audit-logs', {
        query: { ...filterQuery(params), page: params.page, pageSize: params.pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Every row matching the filters as CSV (up to 100 000). A plain link: same origin, so the
 * session cookie goes along, and a GET needs no CSRF token.
 */
export function auditLogCsvUrl(params: Omit<AuditLogListParams, 'page' | 'pageSize'>): string {
  return apiUrl('/audit-logs', { ...filterQuery(params), format: 'csv' });
}
