import { randomUUID } from 'node:crypto';
import {
  type ImportProxiesResponse,
  MAX_LISTED_IMPORT_PROBLEMS,
  type ProxyImportProblem,
} from '@fleetwright/contracts';
import {
  countProxies,
  type DatabaseOrTransaction,
  findProxyIds,
  lockProxyPool,
  type UpsertProxyValues,
  upsertProxies,
  withTransaction,
} from '@fleetwright/db';
import { sealProxyPassword } from '@fleetwright/secrets';
import type { AuditActor } from '../audit-logs/service.ts';
import type { ProxyEntry, ReadLine } from './import-parse.ts';
import { assertProxyQuota, proxyQuotaOf } from './quota.ts';
import type { ProxyDeps } from './service.ts';

/**
 * Rows per INSERT … ON CONFLICT. One statement takes them as a single JSON parameter, so the size
 * is bounded by memory and lock time, not by Postgres's 65,535 parameters; 1000 keeps each
 * statement short and the batch's JSON small.
 */
const BATCH_ROWS = 1000;
/** Valid entries a dry run answers as they would be stored. */
const PREVIEW_ROWS = 100;

export interface ImportOptions {
  organizationId: string;
  lines: AsyncIterable<ReadLine>;
  /** Parse and count in a transaction that is rolled back: nothing is written. */
  dryRun: boolean;
  actor: AuditActor;
  /** Where the list came from, for the audit entry (`body`, or the URL's origin). */
  source: string;
  /**
   * Refuses a line's host (a private address: TargetGuard.proxyHostScreen), or null. Checked without
   * DNS: a lookup per line would cost more than the import of 100,000 lines; names are checked
   * again with DNS wherever they are connected to. @default every host passes
   */
  screenHost?: (host: string) => { code: string; message: string } | null;
}

/** Identity as a map key: the unique index's columns, no user and an empty user alike. */
function identityKey(entry: Pick<ProxyEntry, 'protocol' | 'host' | 'port' | 'username'>): string {
  return JSON.stringify([entry.protocol, entry.host, entry.port, entry.username ?? '']);
}

/** Entries of one batch, duplicates merged as the database would merge them: tags unioned, last password wins. */
class Batch {
  readonly entries = new Map<string, ProxyEntry>();

  add(entry: ProxyEntry): void {
    const key = identityKey(entry);
    const seen = this.entries.get(key);
    if (!seen) {
      this.entries.set(key, { ...entry, tags: [...entry.tags] });
      return;
    }
    for (const tag of entry.tags) if (!seen.tags.includes(tag)) seen.tags.push(tag);
    if (entry.password !== null) seen.password = entry.password;
  }
}

/** Thrown to roll a dry run back; carries its answer out of the transaction. */
class DryRunRollback extends Error {
  constructor(readonly answer: ImportProxiesResponse) {
    super('dry run');
  }
}

/**
 * Imports a list into the organization's pool in ONE transaction, batch by batch as the list is
 * read: a failure anywhere (the database, the quota, an unreadable list) leaves nothing behind.
 * Invalid lines are reported and skipped; duplicates, within the list or against the pool, merge.
 * The plan's `proxies` quota refuses the whole import when it would end above it.
 */
export async function importProxies(deps: ProxyDeps, options: ImportOptions): Promise<ImportProxiesResponse> {
  try {
    return await withTransaction(deps.pool, async (tx) => {
      const answer = await importInTransaction(deps, tx.db, options);
      if (options.dryRun) throw new DryRunRollback(answer);
      if (answer.imported + answer.merged > 0) {
        await deps.audit.write(tx.db, options.actor, {
          action: 'proxy.imported',
          organizationId: options.organizationId,
          targetType: 'proxy',
          details: {
            source: options.source,
            imported: answer.imported,
            merged: answer.merged,
            invalid: answer.invalidCount,
            total: answer.total,
          },
        });
      }
      return answer;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.answer;
    throw error;
  }
}

async function importInTransaction(
  deps: ProxyDeps,
  db: DatabaseOrTransaction,
  options: ImportOptions,
): Promise<ImportProxiesResponse> {
  const { organizationId } = options;
  await lockProxyPool(db, organizationId);
  const quota = await proxyQuotaOf(db, organizationId);
  const before = await countProxies(db, organizationId);
  const invalid: ProxyImportProblem[] = [];
  const preview: NonNullable<ImportProxiesResponse['preview']> = [];
  let invalidCount = 0;
  let total = 0;
  let valid = 0;
  let imported = 0;
  let batch = new Batch();

  const flush = async () => {
    if (batch.entries.size === 0) return;
    imported += await writeBatch(deps, db, organizationId, [...batch.entries.values()]);
    batch = new Batch();
    // Checked as it grows, so a list far over the quota stops early; refused whole all the same.
    assertProxyQuota(quota, before + imported, 'an import');
  };

  for await (const read of options.lines) {
    total += 1;
    if ('problem' in read) {
      invalidCount += 1;
      if (invalid.length < MAX_LISTED_IMPORT_PROBLEMS) invalid.push({ line: read.line, ...read.problem });
      continue;
    }
    const refusal = options.screenHost?.(read.entry.host);
    if (refusal) {
      invalidCount += 1;
      if (invalid.length < MAX_LISTED_IMPORT_PROBLEMS)
        invalid.push({ line: read.line, field: 'host', reason: refusal.message, code: refusal.code });
      continue;
    }
    valid += 1;
    if (options.dryRun && preview.length < PREVIEW_ROWS) {
      const { password, ...shown } = read.entry;
      preview.push({ line: read.line, ...shown, hasPassword: password !== null });
    }
    batch.add(read.entry);
    if (batch.entries.size >= BATCH_ROWS) await flush();
  }
  await flush();
  return {
    imported,
    merged: valid - imported,
    invalid,
    invalidCount,
    total,
    dryRun: options.dryRun,
    ...(options.dryRun ? { preview } : {}),
  };
}

/**
 * Upserts one batch (identities unique within it); answers how many proxies were new. A password is
 * sealed for the row it ends up in: the existing proxy's id when the identity is in the pool
 * already (the pool is locked, so it cannot appear meanwhile), else the new row's.
 */
async function writeBatch(
  deps: ProxyDeps,
  db: DatabaseOrTransaction,
  organizationId: string,
  entries: ProxyEntry[],
): Promise<number> {
  const withPassword = entries.filter((entry) => entry.password !== null);
  const existing = new Map(
    (await findProxyIds(db, organizationId, withPassword)).map((found) => [identityKey(found), found.id]),
  );
  const rows: UpsertProxyValues[] = entries.map((entry) => {
    const id = existing.get(identityKey(entry)) ?? randomUUID();
    return {
      id,
      protocol: entry.protocol,
      host: entry.host,
      port: entry.port,
      username: entry.username ?? '',
      password: sealProxyPassword(deps.keyring, id, entry.password),
      tags: entry.tags,
    };
  });
  const { inserted } = await upsertProxies(db, organizationId, rows);
  return inserted;
}
