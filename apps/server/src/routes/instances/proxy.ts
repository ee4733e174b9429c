import { type Database, instances } from '@fleetwright/db';
import { columnContext, type Keyring, sealColumn } from '@fleetwright/secrets';
import { and, eq, isNotNull, like, not } from 'drizzle-orm';

/**
 * `scheme://user:secret@host:port` → `scheme://user:***@host:port`, leaving the rest as the user
 * wrote it: what the API shows. The URL itself is stored encrypted; only workers decrypt it.
 */
export function redactProxyUrl(proxyUrl: string): string {
  let hasPassword = false;
  try {
    hasPassword = new URL(proxyUrl).password !== '';
  } catch {
    // Validated on the way in; an unparsable value is shown without its credentials part at all.
    return proxyUrl.replace(/\/\/[^/]*@/, '//***@');
  }
  return hasPassword ? proxyUrl.replace(/^([a-z0-9+.-]+:\/\/[^:@/]*:)[^@]*@/i, '$1***@') : proxyUrl;
}

/** The proxy columns of instance `id` for a proxy URL given by the user (null: no proxy). */
export function sealProxyUrl(keyring: Keyring, id: string, proxyUrl: string | null) {
  return {
    proxyUrl: sealColumn(keyring, proxyUrl, columnContext('instances', 'proxy_url', id)),
    proxyDisplay: proxyUrl === null ? null : redactProxyUrl(proxyUrl),
  };
}

/** Encrypts proxy URLs stored before encryption existed (run at start; idempotent). */
export async function sealPlaintextProxyUrls(db: Database, keyring: Keyring): Promise<number> {
  const rows = await db
    .select({ id: instances.id, proxyUrl: instances.proxyUrl })
    .from(instances)
    .where(and(isNotNull(instances.proxyUrl), not(like(instances.proxyUrl, 'fw%:%'))));
  for (const row of rows) {
    await db
      .update(instances)
      .set(sealProxyUrl(keyring, row.id, row.proxyUrl))
      .where(eq(instances.id, row.id));
  }
  return rows.length;
}
