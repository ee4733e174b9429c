/**
 * Whether a script of this id exists in the organization. Scripts are another feature's table
 * (issue 11, slice A): jobs reach them only through this function, given to buildApp; jobs keep no
 * foreign key to them (a deleted script fails the runs that need it, with SCRIPT_NOT_FOUND).
 */
export type ScriptExists = (organizationId: string, scriptId: string) => Promise<boolean>;

/** Until scripts exist, no script does: a script job is refused with `scriptId` named. */
export const noScripts: ScriptExists = async () => false;
