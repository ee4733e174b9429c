import { effectiveQuotas, type OrganizationPlan, type QuotaOverrides } from '@fleetwright/contracts';
import type { DatabaseOrTransaction } from '@fleetwright/db';
import { sql } from 'drizzle-orm';
import { getDomain } from 'tldts';
import { AppError } from '../errors.ts';

/** The site a URL belongs to, for the per-domain cap: its registrable domain (shop.example.co.uk → example.co.uk), or the host for IPs and local names. */
export function siteOf(url: string): string {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return getDomain(host, { allowPrivateDomains: true }) ?? host;
  } catch {
    return url;
  }
}

/** Whether `url`'s host is a blocked domain or one of its subdomains. */
export function blockedDomainOf(url: string, blocked: readonly string[]): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
  return blocked.find((domain) => host === domain || host.endsWith(`.${domain}`));
}

interface PolicyRow extends Record<string, unknown> {
  plan: OrganizationPlan;
  quota_overrides: QuotaOverrides;
  blocked_domains: string[];
  sessions_per_domain: number | null;
  /** Start (or current) URLs of the organization's active sessions, the one being admitted excluded. */
  active_urls: string[];
}

/**
 * Checks that the organization may run one more session at `url`: the target policy's blocklist,
 * the plan's concurrent-session quota and the per-domain cap. For a start, call it in the
 * transaction that activates the session, after the statement that inserted it or moved it to
 * PENDING: that statement took the organization's advisory lock (trigger
 * `sessions_admission_lock`, migration 0006), held until the transaction ends. So this read, a
 * later statement, sees every start committed before, and two concurrent starts cannot both take
 * the last slot. A refusal throws, and the transaction rolls the activation back.
 * A navigate (`quota: false`) takes no lock: it activates nothing, and the running session's URL
 * is recorded by its worker later anyway.
 */
export async function admitSession(
  tx: DatabaseOrTransaction,
  request: {
    organizationId: string;
    url: string;
    /** The session being admitted, left out of the count (it is already inserted or PENDING). */
    sessionId?: string;
    field: string;
    /** Count the concurrent-session quota (not for a navigate: the session is running already). @default true */
    quota?: boolean;
  },
): Promise<void> {
  const result = await tx.execute<PolicyRow>(sql`
    SELECT o.plan, o.quota_overrides, o.blocked_domains, o.sessions_per_domain,
      coalesce((SELECT array_agg(coalesce(i.current_url, i.start_url)) FROM sessions i
        WHERE i.organization_id = o.id AND i.status IN ('PENDING', 'STARTING', 'RUNNING')
          AND i.id IS DISTINCT FROM ${request.sessionId ?? null}::uuid), '{}') AS active_urls
    FROM organizations o WHERE o.id = ${request.organizationId}`);
  const row = result.rows[0];
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND');
  assertNotBlocked(row.blocked_domains, request.url, request.field);
  const quotas = effectiveQuotas(row.plan, row.quota_overrides);
  if (request.quota !== false && row.active_urls.length >= quotas.concurrentSessions) {
    throw new AppError(
      'QUOTA_EXCEEDED',
      `The ${row.plan} plan allows ${quotas.concurrentSessions} concurrent sessions; stop one, or ask an administrator for more.`,
      { details: { quota: 'concurrentSessions', limit: quotas.concurrentSessions, plan: row.plan } },
    );
  }
  if (row.sessions_per_domain !== null) {
    const site = siteOf(request.url);
    const onSite = row.active_urls.filter((active) => siteOf(active) === site).length;
    if (onSite >= row.sessions_per_domain) {
      throw new AppError(
        'DOMAIN_SESSION_CAP_REACHED',
        `The target policy allows ${row.sessions_per_domain} active sessions on ${site}, and ${onSite} are running.`,
        { field: request.field, details: { domain: site, limit: row.sessions_per_domain } },
      );
    }
  }
}

export function assertNotBlocked(blocked: readonly string[], url: string, field: string): void {
  const domain = blockedDomainOf(url, blocked);
  if (domain) {
    throw new AppError('TARGET_BLOCKED', `The organization's target policy blocks ${domain}.`, {
      field,
      details: { domain },
    });
  }
}
