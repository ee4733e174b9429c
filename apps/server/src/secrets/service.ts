import { randomUUID } from 'node:crypto';
import type { CreateSecret, UpdateSecret } from '@fleetwright/contracts';
import {
  type Database,
  deleteSecret as deleteSecretRow,
  getSecret,
  insertSecret,
  isUniqueViolation,
  listSecrets as listSecretRows,
  type SecretKey,
  type SecretRow,
  updateSecret as updateSecretRow,
} from '@fleetwright/db';
import { type Keyring, sealSecretValue } from '@fleetwright/secrets';
import type { AuditActor, AuditEntry, AuditLog } from '../audit-logs/service.ts';
import { AppError } from '../errors.ts';

/** What the secret services need; built once per app from its decorators. */
export interface SecretDeps {
  db: Database;
  keyring: Keyring;
  audit: AuditLog;
}

function secretNotFound(id: string): AppError {
  return new AppError('SECRET_NOT_FOUND', `No secret ${id}.`);
}

function alreadyExists(name: string): AppError {
  return new AppError('SECRET_ALREADY_EXISTS', `A secret named ${name} exists already.`, { field: 'name' });
}

/** The audit entry of a change: the secret's name, never its value. */
function auditEntry(
  action: AuditEntry['action'],
  row: SecretRow,
  details: Record<string, unknown>,
): AuditEntry {
  return { action, organizationId: row.organizationId, targetType: 'secret', targetId: row.id, details };
}

export async function findSecret(deps: Pick<SecretDeps, 'db'>, key: SecretKey): Promise<SecretRow> {
  const row = await getSecret(deps.db, key);
  if (!row) throw secretNotFound(key.id);
  return row;
}

export async function listSecrets(
  deps: Pick<SecretDeps, 'db'>,
  organizationId: string,
  page: { page: number; pageSize: number },
): Promise<{ rows: SecretRow[]; total: number }> {
  return listSecretRows(deps.db, { organizationId, ...page });
}

/** Stores a secret sealed; 409 when the organization has one of this name. */
export async function createSecret(
  deps: SecretDeps,
  organizationId: string,
  input: CreateSecret,
  actor: AuditActor,
): Promise<SecretRow> {
  // The id is made here: the sealed value is bound to it.
  const id = randomUUID();
  return deps.audit.change(actor, async (db) => {
    const row = await insertSecret(db, {
      id,
      organizationId,
      name: input.name,
      value: sealSecretValue(deps.keyring, id, input.value),
    });
    if (!row) throw alreadyExists(input.name);
    return { result: row, entry: auditEntry('secret.created', row, { name: row.name }) };
  });
}

/** Renames a secret, replaces its value, or both; a name another secret has is a 409. */
export async function updateSecret(
  deps: SecretDeps,
  key: SecretKey,
  input: UpdateSecret,
  actor: AuditActor,
): Promise<SecretRow> {
  const values: { name?: string; value?: string } = {};
  if (input.name !== undefined) values.name = input.name;
  if (input.value !== undefined) values.value = sealSecretValue(deps.keyring, key.id, input.value);
  try {
    return await deps.audit.change(actor, async (db) => {
      const before = await getSecret(db, key);
      if (!before) throw secretNotFound(key.id);
      const row = await updateSecretRow(db, key, values);
      if (!row) throw secretNotFound(key.id);
      const details = {
        ...(before.name !== row.name
          ? { before: { name: before.name }, after: { name: row.name } }
          : { name: row.name }),
        ...(input.value !== undefined ? { value: 'replaced' } : {}),
      };
      return { result: row, entry: auditEntry('secret.updated', row, details) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(input.name ?? key.id);
    throw error;
  }
}

export async function deleteSecret(deps: SecretDeps, key: SecretKey, actor: AuditActor): Promise<SecretRow> {
  return deps.audit.change(actor, async (db) => {
    const row = await deleteSecretRow(db, key);
    if (!row) throw secretNotFound(key.id);
    return { result: row, entry: auditEntry('secret.deleted', row, { name: row.name }) };
  });
}
