import { effectiveQuotas } from '@fleetwright/contracts';
import { type DatabaseOrTransaction, getSessionAdmission } from '@fleetwright/db';
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
  const row = await getSessionAdmission(tx, {
    organizationId: request.organizationId,
    excludeSessionId: request.sessionId,
  });
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND');
  assertNotBlocked(row.blockedDomains, request.url, request.field);
  const quotas = effectiveQuotas(row.plan, row.quotaOverrides);
  if (request.quota !== false && row.activeUrls.length >= quotas.concurrentSessions) {
    throw new AppError(
      'QUOTA_EXCEEDED',
      `The ${row.plan} plan allows ${quotas.concurrentSessions} concurrent sessions; stop one, or ask an administrator for more.`,
      { details: { quota: 'concurrentSessions', limit: quotas.concurrentSessions, plan: row.plan } },
    );
  }
  if (row.sessionsPerDomain !== null) {
    const site = siteOf(request.url);
    const onSite = row.activeUrls.filter((active) => siteOf(active) === site).length;
    if (onSite >= row.sessionsPerDomain) {
      throw new AppError(
        'DOMAIN_SESSION_CAP_REACHED',
        `The target policy allows ${row.sessionsPerDomain} active sessions on ${site}, and ${onSite} are running.`,
        { field: request.field, details: { domain: site, limit: row.sessionsPerDomain } },
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
