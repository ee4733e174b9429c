import { randomUUID } from 'node:crypto';
import {
  type CreateProxyProvider,
  type ProxyProviderKind,
  providerServesCountry,
  proxyProviderPresets,
  type UpdateProxyProvider,
} from '@fleetwright/contracts';
import {
  type Database,
  deleteProxyProvider as deleteProxyProviderRow,
  getProxyProvider,
  insertProxyProvider,
  isUniqueViolation,
  listProxyProviders as listProxyProviderRows,
  type NewProxyProviderRow,
  type ProxyProviderKey,
  type ProxyProviderRow,
  updateProxyProvider as updateProxyProviderRow,
} from '@fleetwright/db';
import { type Keyring, sealProviderPassword } from '@fleetwright/secrets';
import type { AuditActor, AuditEntry, AuditLog } from '../audit-logs/service.ts';
import { AppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';

/** What the provider services need; built once per app from its decorators. */
export interface ProxyProviderDeps {
  db: Database;
  keyring: Keyring;
  audit: AuditLog;
  targets: TargetGuard;
}

export function providerNotFound(id: string): AppError {
  return new AppError('PROXY_PROVIDER_NOT_FOUND', `No proxy provider entry ${id}.`);
}

function alreadyExists(name: string): AppError {
  return new AppError('PROXY_PROVIDER_ALREADY_EXISTS', `A provider entry named "${name}" exists already.`, {
    field: 'name',
  });
}

/** The entry as the audit log shows it: never its password. */
function described(row: ProxyProviderRow) {
  return {
    name: row.name,
    kind: row.kind,
    username: row.username,
    zone: row.zone,
    host: row.host,
    port: row.port,
    countries: row.countries,
    stickyMinutes: row.stickyMinutes,
  };
}

function auditEntry(
  action: AuditEntry['action'],
  row: ProxyProviderRow,
  details: Record<string, unknown>,
): AuditEntry {
  return {
    action,
    organizationId: row.organizationId,
    targetType: 'proxy_provider',
    targetId: row.id,
    details,
  };
}

/**
 * An entry's own gateway passes the target guard like a pool proxy's host: a "provider" on a
 * private address would be a way into that network. The presets' gateways are public names of
 * ours and are not looked up. Only host and port go to the guard, as an http URL: the credentials
 * are the provider's business, and the guard's SOCKS rule does not concern a gateway.
 */
async function checkGateway(
  deps: Pick<ProxyProviderDeps, 'targets'>,
  organizationId: string,
  kind: ProxyProviderKind,
  gateway: { host?: string | null; port?: number | null },
): Promise<void> {
  if (!gateway.host) return;
  const port = gateway.port ?? proxyProviderPresets[kind].port;
  await deps.targets.checkProxy(`http://${gateway.host}:${port}`, 'host', organizationId);
}

/**
 * What the contracts check on POST, checked again for a PATCH against the stored kind (which a
 * PATCH cannot change): Bright Data needs a zone, and every country must be one the provider serves.
 */
function assertFitsKind(
  kind: ProxyProviderKind,
  merged: { zone: string | null },
  countries?: string[],
): void {
  const preset = proxyProviderPresets[kind];
  if (preset.needsZone && !merged.zone) {
    throw new AppError('VALIDATION_ERROR', `zone: ${preset.label} needs a zone`, { field: 'zone' });
  }
  for (const [index, country] of (countries ?? []).entries()) {
    if (!providerServesCountry(kind, country)) {
      throw new AppError(
        'VALIDATION_ERROR',
        `countries.${index}: ${preset.label} has no gateway for ${country}`,
        {
          field: `countries.${index}`,
        },
      );
    }
  }
}

export async function findProxyProvider(
  deps: Pick<ProxyProviderDeps, 'db'>,
  key: ProxyProviderKey,
): Promise<ProxyProviderRow> {
  const row = await getProxyProvider(deps.db, key);
  if (!row) throw providerNotFound(key.id);
  return row;
}

export async function listProxyProviders(
  deps: Pick<ProxyProviderDeps, 'db'>,
  organizationId: string,
  page: { page: number; pageSize: number },
): Promise<{ rows: ProxyProviderRow[]; total: number }> {
  return listProxyProviderRows(deps.db, { organizationId, ...page });
}

/** Adds an entry: 409 when the organization has one of this name; its own gateway must pass the guard. */
export async function createProxyProvider(
  deps: ProxyProviderDeps,
  organizationId: string,
  input: CreateProxyProvider,
  actor: AuditActor,
): Promise<ProxyProviderRow> {
  await checkGateway(deps, organizationId, input.kind, input);
  // The id is made here: the encrypted password is bound to it.
  const id = randomUUID();
  return deps.audit.change(actor, async (db) => {
    const row = await insertProxyProvider(db, {
      id,
      organizationId,
      name: input.name,
      kind: input.kind,
      username: input.username,
      zone: input.zone ?? null,
      password: sealProviderPassword(deps.keyring, id, input.password),
      host: input.host ?? null,
      port: input.port ?? null,
      countries: [...new Set(input.countries)],
      stickyMinutes: input.stickyMinutes ?? null,
    });
    if (!row) throw alreadyExists(input.name);
    return { result: row, entry: auditEntry('proxy_provider.created', row, described(row)) };
  });
}

/**
 * Changes what the body gives; the kind stays. Re-validated against the stored kind (zone,
 * countries), a new gateway passes the guard, and a name another entry has is a 409.
 */
export async function updateProxyProvider(
  deps: ProxyProviderDeps,
  key: ProxyProviderKey,
  input: UpdateProxyProvider,
  actor: AuditActor,
): Promise<ProxyProviderRow> {
  const current = await findProxyProvider(deps, key);
  const zone = input.zone !== undefined ? input.zone : current.zone;
  assertFitsKind(current.kind, { zone }, input.countries);
  if (input.host !== undefined || input.port !== undefined) {
    await checkGateway(deps, key.organizationId, current.kind, {
      host: input.host !== undefined ? input.host : current.host,
      port: input.port !== undefined ? input.port : current.port,
    });
  }
  const { password, countries, ...fields } = input;
  const values: Partial<NewProxyProviderRow> = { ...fields };
  if (countries !== undefined) values.countries = [...new Set(countries)];
  if (password !== undefined) values.password = sealProviderPassword(deps.keyring, key.id, password);
  try {
    return await deps.audit.change(actor, async (db) => {
      const before = await getProxyProvider(db, key);
      if (!before) throw providerNotFound(key.id);
      const row = await updateProxyProviderRow(db, key, values);
      if (!row) throw providerNotFound(key.id);
      const entry =
        Object.keys(input).length > 0
          ? auditEntry('proxy_provider.updated', row, {
              before: described(before),
              after: described(row),
              ...(password !== undefined ? { password: 'replaced' } : {}),
            })
          : null;
      return { result: row, entry };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(input.name ?? current.name);
    throw error;
  }
}

export async function deleteProxyProvider(
  deps: ProxyProviderDeps,
  key: ProxyProviderKey,
  actor: AuditActor,
): Promise<ProxyProviderRow> {
  return deps.audit.change(actor, async (db) => {
    const row = await deleteProxyProviderRow(db, key);
    if (!row) throw providerNotFound(key.id);
    return { result: row, entry: auditEntry('proxy_provider.deleted', row, described(row)) };
  });
}
