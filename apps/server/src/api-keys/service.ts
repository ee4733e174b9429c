import type { CreateApiKeyInput } from '@fleetwright/contracts';
import {
  type ApiKeyRow,
  type Database,
  type DatabaseOrTransaction,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
} from '@fleetwright/db';
import type { Principal } from '../auth/principal.ts';
import { AppError } from '../errors.ts';
import { generateApiKey } from './api-key.ts';

/** A key never gets a scope its creator lacks: a USER cannot mint an admin key. */
export async function createApiKey(
  db: DatabaseOrTransaction,
  principal: Principal,
  input: CreateApiKeyInput,
): Promise<{ row: ApiKeyRow; key: string }> {
  const missing = input.scopes.filter((scope) => !principal.permissions.has(scope));
  if (missing.length > 0) {
    throw new AppError(
      'FORBIDDEN',
      `You cannot grant the ${missing.join(', ')} scope: you lack it yourself.`,
      {
        field: 'scopes',
      },
    );
  }
  const { key, prefix, hash } = generateApiKey();
  const row = await insertApiKey(db, {
    organizationId: principal.organizationId!,
    createdById: principal.userId,
    name: input.name,
    prefix,
    hash,
    scopes: [...new Set(input.scopes)],
    expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
  });
  return { row, key };
}

export function listOrganizationApiKeys(db: Database, organizationId: string): Promise<ApiKeyRow[]> {
  return listApiKeys(db, { organizationId });
}

export async function revokeOrganizationApiKey(
  db: DatabaseOrTransaction,
  key: { organizationId: string; id: string },
): Promise<ApiKeyRow> {
  const row = await revokeApiKey(db, key);
  if (!row) throw new AppError('API_KEY_NOT_FOUND');
  return row;
}
