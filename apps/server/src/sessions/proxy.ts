import { type Database, listSessionProxyUrls, setSessionProxyColumns } from '@fleetwright/db';
import { columnContext, isEncryptedSecret, type Keyring, openColumn, sealColumn } from '@fleetwright/secrets';

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

function proxyUrlContext(id: string, table = 'sessions'): string {
  return columnContext(table, 'proxy_url', id);
}

/** The proxy columns of session `id` for a proxy URL given by the user (null: no proxy). */
export function sealProxyUrl(keyring: Keyring, id: string, proxyUrl: string | null) {
  return {
    proxyUrl: sealColumn(keyring, proxyUrl, proxyUrlContext(id)),
    proxyDisplay: proxyUrl === null ? null : redactProxyUrl(proxyUrl),
  };
}

/**
 * The table was called `instances` before migration 0007, and an encrypted value is bound to its
 * table's name: such values are opened under that name and sealed again under the new one.
 */
const TABLE_BEFORE_0007 = 'instances';

/** The plaintext of a stored proxy URL that needs sealing (again), or undefined when it is current. */
function proxyUrlToReseal(keyring: Keyring, id: string, stored: string): string | undefined {
  if (!isEncryptedSecret(stored)) return stored;
  try {
    openColumn(keyring, stored, proxyUrlContext(id));
    return undefined;
  } catch {
    // Not sealed for this row under the current name: try the name it had before 0007. A value that
    // opens under neither stays as it is (the worker reports it when the session starts).
    try {
      return openColumn(keyring, stored, proxyUrlContext(id, TABLE_BEFORE_0007)) ?? undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * Encrypts proxy URLs stored before encryption existed, and re-seals those sealed under the table's
 * former name (run at start; idempotent).
 */
export async function sealStoredProxyUrls(db: Database, keyring: Keyring): Promise<number> {
  let sealed = 0;
  for (const row of await listSessionProxyUrls(db)) {
    const plaintext = proxyUrlToReseal(keyring, row.id, row.proxyUrl);
    if (plaintext === undefined) continue;
    await setSessionProxyColumns(db, row.id, sealProxyUrl(keyring, row.id, plaintext));
    sealed += 1;
  }
  return sealed;
}
