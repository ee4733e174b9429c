import { type DatabaseOrTransaction, listOrganizationSecrets } from '@fleetwright/db';
import { columnContext, openColumn, sealColumn } from './columns.ts';
import type { Keyring } from './keyring.ts';

/**
 * An organization secret's value at rest (issue 11): AES-256-GCM under the platform keyring, bound
 * to its row (`secrets.value:<id>`), so a value copied to another row does not decrypt. The server
 * seals; the worker that runs a flow opens them all (openOrganizationSecrets).
 */
export function sealSecretValue(keyring: Keyring, id: string, value: string): string {
  return sealColumn(keyring, value, secretValueContext(id)) as string;
}

export function openSecretValue(keyring: Keyring, id: string, sealed: string): string {
  return openColumn(keyring, sealed, secretValueContext(id)) as string;
}

export function secretValueContext(id: string): string {
  return columnContext('secrets', 'value', id);
}

/**
 * Every secret of the organization, opened, by name: a flow run's `{{secrets.NAME}}`. Keep the
 * answer in memory for the run only; never log it or write it into results.
 */
export async function openOrganizationSecrets(
  db: DatabaseOrTransaction,
  keyring: Keyring,
  organizationId: string,
): Promise<Record<string, string>> {
  const rows = await listOrganizationSecrets(db, organizationId);
  return Object.fromEntries(rows.map((row) => [row.name, openSecretValue(keyring, row.id, row.value)]));
}
