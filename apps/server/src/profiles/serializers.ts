import type { Profile } from '@fleetwright/contracts';
import type { ProfileSummaryRow } from '@fleetwright/db';

/** The API's view of a profile: what it holds. The row it reads has no state, so none can leak. */
export function toProfile(row: ProfileSummaryRow): Profile {
  return {
    id: row.id,
    name: row.name,
    sizeBytes: row.sizeBytes,
    cookieCount: row.cookieCount,
    origins: row.origins,
    sessionId: row.sessionId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
