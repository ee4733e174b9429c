import { type DatabaseOrTransaction, getScript, getScriptVersion } from '@fleetwright/db';
import type { LoadScript } from '../executions/types.ts';

/**
 * A saved script of the organization for a job (a script job, or a flow's `evaluate` step): the
 * pinned version, or the latest one now. Null when the script or that version is gone.
 */
export function savedScripts(db: DatabaseOrTransaction): LoadScript {
  return async (organizationId, ref) => {
    const key = { organizationId, id: ref.scriptId };
    if (ref.version !== undefined) {
      const version = await getScriptVersion(db, key, ref.version);
      return version
        ? { source: version.source, version: version.version, libraries: version.libraries }
        : null;
    }
    const latest = await getScript(db, key);
    return latest
      ? { source: latest.source, version: latest.latestVersion, libraries: latest.libraries }
      : null;
  };
}
