import type { ScriptLibrary, SessionScript } from '@fleetwright/contracts';
import { type DatabaseOrTransaction, getScript, getScriptVersion, type SessionRow } from '@fleetwright/db';

/** What a session's page-script loop runs, once a saved script's source is read. */
export interface RunnableScript {
  /** `expression`: inline source, run as evaluate runs it; `saved`: an async function body of `input`. */
  kind: 'expression' | 'saved';
  source: string;
  libraries: readonly ScriptLibrary[];
  intervalMin: number;
  intervalMax: number;
  /** `saved`: which version runs, for the log. */
  version?: number;
}

/**
 * The session's page script as it runs from this start: inline as it is, or the saved script's
 * pinned version (or latest) read now, so a new version reaches the session at its next (re)start.
 * A script or version that is gone: null and `missing` says why (the session runs without it).
 */
export async function loadSessionScript(
  db: DatabaseOrTransaction,
  row: Pick<SessionRow, 'organizationId' | 'script'>,
): Promise<{ script: RunnableScript | null; missing?: string }> {
  const script: SessionScript | null = row.script;
  if (!script) return { script: null };
  const timing = { intervalMin: script.intervalMin, intervalMax: script.intervalMax };
  if (script.source !== undefined) {
    return { script: { kind: 'expression', source: script.source, libraries: [], ...timing } };
  }
  const key = { organizationId: row.organizationId, id: script.scriptId! };
  if (script.version !== undefined) {
    const version = await getScriptVersion(db, key, script.version);
    if (!version) return { script: null, missing: `script ${key.id} has no version ${script.version}` };
    const { source, libraries } = version;
    return { script: { kind: 'saved', source, libraries, version: version.version, ...timing } };
  }
  const latest = await getScript(db, key);
  if (!latest) return { script: null, missing: `script ${key.id} no longer exists` };
  const { source, libraries, latestVersion } = latest;
  return { script: { kind: 'saved', source, libraries, version: latestVersion, ...timing } };
}
