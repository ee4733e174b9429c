import { randomUUID } from 'node:crypto';
import {
  type createProxyBodySchema,
  formatProxyHost,
  type ProxyFilter,
  type ProxyStatus,
  type updateProxyBodySchema,
} from '@fleetwright/contracts';
import {
  countProxies,
  type Database,
  type DatabaseClient,
  deleteProxy as deleteProxyRow,
  deleteProxies as deleteProxyRows,
  findProxyByIdentity,
  getProxy,
  insertProxy,
  isUniqueViolation,
  listProxies as listProxyRows,
  lockProxyPool,
  type NewProxyRow,
  type ProxyKey,
  type ProxyRow,
  setProxyStatus,
  updateProxy as updateProxyRow,
} from '@fleetwright/db';
import { type Keyring, sealProxyPassword } from '@fleetwright/secrets';
import type { z } from 'zod';
import type { AuditActor, AuditEntry, AuditLog } from '../audit-logs/service.ts';
import { AppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';
import { assertProxyQuota, proxyQuotaOf } from './quota.ts';

/** What the proxy services need; built once per app from its decorators. */
export interface ProxyDeps {
  db: Database;
  pool: DatabaseClient['pool'];
  keyring: Keyring;
  audit: AuditLog;
  targets: TargetGuard;
}

export type CreateProxyInput = z.output<typeof createProxyBodySchema>;
export type UpdateProxyInput = z.output<typeof updateProxyBodySchema>;

/** At most this many ids go into the audit entry of a bulk delete; `count` has them all. */
const AUDITED_IDS = 1000;

function notFound(id: string): AppError {
  return new AppError('PROXY_NOT_FOUND', `No proxy ${id}.`);
}

function alreadyExists(details: Record<string, unknown> = {}): AppError {
  return new AppError(
    'PROXY_ALREADY_EXISTS',
    'The pool already has a proxy with this protocol, host, port and username.',
    { field: 'host', details },
  );
}

/** The proxy as the audit log shows it: never its password. */
function described(row: Pick<ProxyRow, 'protocol' | 'host' | 'port' | 'username' | 'tags'>) {
  return { protocol: row.protocol, host: row.host, port: row.port, username: row.username, tags: row.tags };
}

/**
 * A proxy's host passes the target guard: a proxy on a loopback, private, link-local or metadata
 * address (or a name that resolves to one) would carry sessions and checks into the platform's own
 * network. 400 TARGET_NOT_ALLOWED naming `host`, unless the organization's private targets allow
 * it. Only host and port go to the guard: the credentials are not its business here.
 */
async function checkProxyHost(
  deps: Pick<ProxyDeps, 'targets'>,
  organizationId: string,
  endpoint: { host: string; port: number },
): Promise<void> {
  const url = `http://${formatProxyHost(endpoint.host)}:${endpoint.port}`;
  await deps.targets.checkProxy(url, 'host', organizationId);
}

export async function findProxy(deps: Pick<ProxyDeps, 'db'>, key: ProxyKey): Promise<ProxyRow> {
  const row = await getProxy(deps.db, key);
  if (!row) throw notFound(key.id);
  return row;
}

export async function listProxies(
  deps: Pick<ProxyDeps, 'db'>,
  organizationId: string,
  query: ProxyFilter & { page: number; pageSize: number },
): Promise<{ rows: ProxyRow[]; total: number }> {
  const { page, pageSize, ...filter } = query;
  return listProxyRows(deps.db, { organizationId, filter, page, pageSize });
}

/** Adds one proxy: refused when the plan's quota is used up or the pool has it already (409). */
export async function createProxy(
  deps: ProxyDeps,
  organizationId: string,
  input: CreateProxyInput,
  actor: AuditActor,
): Promise<ProxyRow> {
  await checkProxyHost(deps, organizationId, input);
  // The id is made here: the encrypted password is bound to it.
  const id = randomUUID();
  return deps.audit.change(actor, async (db) => {
    await lockProxyPool(db, organizationId);
    const quota = await proxyQuotaOf(db, organizationId);
    assertProxyQuota(quota, (await countProxies(db, organizationId)) + 1, 'one more');
    const row = await insertProxy(db, {
      id,
      organizationId,
      protocol: input.protocol,
      host: input.host,
      port: input.port,
      username: input.username || null,
      password: sealProxyPassword(deps.keyring, id, input.password ?? null),
      tags: [...new Set(input.tags)],
    });
    if (!row) {
      const existing = await findProxyByIdentity(db, organizationId, {
        ...input,
        username: input.username ?? null,
      });
      throw alreadyExists({ id: existing });
    }
    return {
      result: row,
      entry: auditEntry('proxy.created', row, { ...described(row), hasPassword: row.password !== null }),
    };
  });
}

/** Health and geolocation of the endpoint that was checked: meaningless once it is another endpoint. */
const CHECK_RESULTS_CLEARED: Partial<NewProxyRow> = {
  country: null,
  region: null,
  city: null,
  asn: null,
  exitIp: null,
  latencyMs: null,
  successRate: null,
  anonymity: null,
  supportsConnect: null,
  consecutiveFailures: 0,
  lastCheckedAt: null,
};

const IDENTITY_FIELDS = ['protocol', 'host', 'port', 'username'] as const;

/**
 * Changes what the body gives. A new protocol, host, port or username is another endpoint: its
 * check results go and it is UNCHECKED again (a BLACKLISTED proxy stays so). 409 when the new
 * identity is another proxy's. A new host passes the target guard (checkProxyHost).
 */
export async function updateProxy(
  deps: ProxyDeps,
  key: ProxyKey,
  input: UpdateProxyInput,
  actor: AuditActor,
): Promise<ProxyRow> {
  if (input.host !== undefined) {
    const port = input.port ?? (await findProxy(deps, key)).port;
    await checkProxyHost(deps, key.organizationId, { host: input.host, port });
  }
  try {
    return await deps.audit.change(actor, async (db) => {
      const before = await getProxy(db, key);
      if (!before) throw notFound(key.id);
      const { password, tags, ...identity } = input;
      const values: Partial<NewProxyRow> = { ...identity };
      if (identity.username !== undefined) values.username = identity.username || null;
      if (tags !== undefined) values.tags = [...new Set(tags)];
      if (password !== undefined) values.password = sealProxyPassword(deps.keyring, key.id, password);
      const moved = IDENTITY_FIELDS.some(
        (field) => values[field] !== undefined && values[field] !== before[field],
      );
      if (moved) {
        Object.assign(values, CHECK_RESULTS_CLEARED);
        if (before.status !== 'BLACKLISTED') values.status = 'UNCHECKED';
      }
      const row = await updateProxyRow(db, key, values);
      if (!row) throw notFound(key.id);
      const changed = Object.keys(input).filter((field) => field !== 'password');
      const entry =
        changed.length > 0 || password !== undefined
          ? auditEntry('proxy.updated', row, {
              before: described(before),
              after: described(row),
              ...(password !== undefined ? { password: password === null ? 'removed' : 'replaced' } : {}),
            })
          : null;
      return { result: row, entry };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists();
    throw error;
  }
}

export async function deleteProxy(deps: ProxyDeps, key: ProxyKey, actor: AuditActor): Promise<ProxyRow> {
  return deps.audit.change(actor, async (db) => {
    const row = await deleteProxyRow(db, key);
    if (!row) throw notFound(key.id);
    return { result: row, entry: auditEntry('proxy.deleted', row, described(row)) };
  });
}

/**
 * Deletes the organization's proxies among `ids` (others' and unknown ones are skipped) or all
 * that match `filter`; answers how many went. One audit entry for the lot.
 */
export async function deleteProxies(
  deps: ProxyDeps,
  organizationId: string,
  selection: { ids?: string[]; filter?: ProxyFilter },
  actor: AuditActor,
): Promise<number> {
  return deps.audit.change(actor, async (db) => {
    const ids = await deleteProxyRows(db, { organizationId, ...selection });
    const entry: AuditEntry | null =
      ids.length === 0
        ? null
        : {
            action: 'proxy.deleted',
            organizationId,
            targetType: 'proxy',
            details: {
              count: ids.length,
              ids: ids.slice(0, AUDITED_IDS),
              ...(selection.filter ? { filter: selection.filter } : {}),
            },
          };
    return { result: ids.length, entry };
  });
}

/**
 * BLACKLISTED: never checked and never handed to a session until undone. Undoing makes it
 * UNCHECKED, so the next check decides its health afresh. Either is a no-op (no audit entry) when
 * the proxy is already there.
 */
export async function setBlacklisted(
  deps: ProxyDeps,
  key: ProxyKey,
  blacklisted: boolean,
  actor: AuditActor,
): Promise<ProxyRow> {
  return deps.audit.change(actor, async (db) => {
    const move: { to: ProxyStatus; from?: ProxyStatus[] } = blacklisted
      ? { to: 'BLACKLISTED' }
      : { to: 'UNCHECKED', from: ['BLACKLISTED'] };
    const moved = await setProxyStatus(db, { ...key, ...move });
    if (moved) {
      const action = blacklisted ? 'proxy.blacklisted' : 'proxy.unblacklisted';
      return { result: moved, entry: auditEntry(action, moved, described(moved)) };
    }
    const row = await getProxy(db, key);
    if (!row) throw notFound(key.id);
    return { result: row, entry: null };
  });
}

function auditEntry(
  action: AuditEntry['action'],
  row: ProxyRow,
  details: Record<string, unknown>,
): AuditEntry {
  return { action, organizationId: row.organizationId, targetType: 'proxy', targetId: row.id, details };
}
