import type { SessionScript } from '@fleetwright/contracts';
import { type DatabaseOrTransaction, getScript, getScriptVersion } from '@fleetwright/db';
import { AppError } from '../errors.ts';

/**
 * A session's (or job's) script by reference must name a script of the organization, and its
 * pinned version must exist: another organization's script is as unknown as a made-up id.
 * `field`: where the script is in the body (`script`).
 */
export async function checkScriptReference(
  db: DatabaseOrTransaction,
  organizationId: string,
  script: SessionScript | null | undefined,
  field = 'script',
): Promise<void> {
  if (!script?.scriptId) return;
  const key = { organizationId, id: script.scriptId };
  if (!(await getScript(db, key))) {
    throw new AppError('SCRIPT_NOT_FOUND', `No script ${script.scriptId}.`, { field: `${field}.scriptId` });
  }
  if (script.version !== undefined && !(await getScriptVersion(db, key, script.version))) {
    throw new AppError(
      'SCRIPT_VERSION_NOT_FOUND',
      `Script ${script.scriptId} has no version ${script.version}.`,
      {
        field: `${field}.version`,
      },
    );
  }
}
