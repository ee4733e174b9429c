import type { Secret } from '@fleetwright/contracts';
import type { SecretRow } from '@fleetwright/db';

/** The API's view of a secret: its name. The response schema has no value field, so it cannot leak even through a mistake here. */
export function toSecret(row: SecretRow): Secret {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
