import { type DatabaseOrTransaction, getScript } from '@fleetwright/db';

/**
 * Whether a script of this id exists in the organization. Jobs keep no foreign key to scripts (a
 * deleted script fails the runs that need it, with SCRIPT_NOT_FOUND); buildApp takes the check as an
 * option so that tests can give their own.
 */
export type ScriptExists = (organizationId: string, scriptId: string) => Promise<boolean>;

/** The organization's scripts table. */
export function savedScriptExists(db: DatabaseOrTransaction): ScriptExists {
  return async (organizationId, scriptId) =>
    (await getScript(db, { organizationId, id: scriptId })) !== undefined;
}
