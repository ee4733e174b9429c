import type { CreateScript, ScriptDiff, ScriptLibrary, UpdateScript } from '@fleetwright/contracts';
import {
  appendScriptVersion,
  type Database,
  type DatabaseOrTransaction,
  deleteScript as deleteScriptRow,
  getScript,
  getScriptVersion,
  insertScript,
  listScripts as listScriptRows,
  listScriptVersions,
  type ScriptKey,
  type ScriptListing,
  type ScriptRow,
  type ScriptVersionRow,
  type ScriptWithSource,
  updateScript as updateScriptRow,
} from '@fleetwright/db';
import { formatPatch, structuredPatch } from 'diff';
import type { AuditActor, AuditEntry, AuditLog } from '../audit-logs/service.ts';
import { AppError } from '../errors.ts';

/** What the script services need; built once per app from its decorators. */
export interface ScriptDeps {
  db: Database;
  audit: AuditLog;
}

export function scriptNotFound(id: string, field?: string): AppError {
  return new AppError('SCRIPT_NOT_FOUND', `No script ${id}.`, field ? { field } : {});
}

function versionNotFound(id: string, version: number, field?: string): AppError {
  return new AppError('SCRIPT_VERSION_NOT_FOUND', `Script ${id} has no version ${version}.`, {
    ...(field ? { field } : {}),
  });
}

export function scriptAuditEntry(action: AuditEntry['action'], row: ScriptRow, details = {}): AuditEntry {
  return {
    action,
    organizationId: row.organizationId,
    targetType: 'script',
    targetId: row.id,
    details: { name: row.name, ...details },
  };
}

/** Plain transactions reuse the audit log's: a change that leaves no entry commits alone. */
function inTransaction<T>(
  deps: ScriptDeps,
  actor: AuditActor,
  work: (db: DatabaseOrTransaction) => Promise<T>,
): Promise<T> {
  return deps.audit.change(actor, async (db) => ({ result: await work(db), entry: null }));
}

export async function findScript(deps: Pick<ScriptDeps, 'db'>, key: ScriptKey): Promise<ScriptWithSource> {
  const row = await getScript(deps.db, key);
  if (!row) throw scriptNotFound(key.id);
  return row;
}

export function listScripts(
  deps: Pick<ScriptDeps, 'db'>,
  organizationId: string,
  query: { q?: string; tag?: string; page: number; pageSize: number },
): Promise<{ rows: ScriptListing[]; total: number }> {
  return listScriptRows(deps.db, { organizationId, ...query });
}

/** A script and its version 1, in one transaction. */
export async function createScript(
  deps: ScriptDeps,
  organizationId: string,
  input: CreateScript,
  actor: AuditActor,
  extra: { forkedFrom?: string } = {},
): Promise<ScriptWithSource> {
  const row = await inTransaction(deps, actor, (db) =>
    insertScript(
      db,
      {
        organizationId,
        name: input.name,
        description: input.description,
        tags: [...new Set(input.tags)],
        forkedFrom: extra.forkedFrom ?? null,
      },
      {
        source: input.source,
        libraries: [...new Set(input.libraries)],
        message: input.message ?? '',
        authorUserId: actor.actorUserId,
      },
    ),
  );
  return findScript(deps, { organizationId, id: row.id });
}

/**
 * Edits the script's fields; a `source` or `libraries` saves a new version (the other one taken
 * from the latest), unless both equal the latest's: saving what is there makes no empty version.
 */
export async function updateScript(
  deps: ScriptDeps,
  key: ScriptKey,
  input: UpdateScript,
  actor: AuditActor,
): Promise<ScriptWithSource> {
  const current = await findScript(deps, key);
  const { source, libraries, message, tags, ...fields } = input;
  const nextSource = source ?? current.source;
  const nextLibraries = libraries ? [...new Set(libraries)] : current.libraries;
  const changesCode = nextSource !== current.source || !sameLibraries(nextLibraries, current.libraries);
  await inTransaction(deps, actor, async (db) => {
    const values = { ...fields, ...(tags ? { tags: [...new Set(tags)] } : {}) };
    if (Object.keys(values).length > 0 && !(await updateScriptRow(db, key, values))) {
      throw scriptNotFound(key.id);
    }
    if (!changesCode) return;
    const saved = await appendScriptVersion(db, key, {
      source: nextSource,
      libraries: nextLibraries,
      message: message ?? '',
      authorUserId: actor.actorUserId,
    });
    if (!saved) throw scriptNotFound(key.id);
  });
  return findScript(deps, key);
}

function sameLibraries(a: readonly ScriptLibrary[], b: readonly ScriptLibrary[]): boolean {
  return a.length === b.length && a.every((library) => b.includes(library));
}

export async function deleteScript(deps: ScriptDeps, key: ScriptKey, actor: AuditActor): Promise<void> {
  await deps.audit.change(actor, async (db) => {
    const row = await deleteScriptRow(db, key);
    if (!row) throw scriptNotFound(key.id);
    return { result: row, entry: scriptAuditEntry('script.deleted', row) };
  });
}

export async function listVersions(
  deps: Pick<ScriptDeps, 'db'>,
  key: ScriptKey,
  page: { page: number; pageSize: number },
) {
  await findScript(deps, key);
  return listScriptVersions(deps.db, key, page);
}

export async function findVersion(
  deps: Pick<ScriptDeps, 'db'>,
  key: ScriptKey,
  version: number,
  field?: string,
): Promise<ScriptVersionRow> {
  const row = await getScriptVersion(deps.db, key, version);
  if (row) return row;
  await findScript(deps, key);
  throw versionNotFound(key.id, version, field);
}

/** How version `to` differs from version `from`: a unified patch and jsdiff's structured hunks. */
export async function diffVersions(
  deps: Pick<ScriptDeps, 'db'>,
  key: ScriptKey,
  from: number,
  to: number,
): Promise<ScriptDiff> {
  const older = await findVersion(deps, key, from, 'from');
  const newer = await findVersion(deps, key, to, 'to');
  const structured = structuredPatch(
    `v${from}`,
    `v${to}`,
    withFinalNewline(older.source),
    withFinalNewline(newer.source),
  );
  return {
    from,
    to,
    patch: formatPatch(structured),
    hunks: structured.hunks.map(({ oldStart, oldLines, newStart, newLines, lines }) => ({
      oldStart,
      oldLines,
      newStart,
      newLines,
      lines,
    })),
  };
}

/** Editors drop and add the last newline at will; a diff that shows only that is noise. */
function withFinalNewline(source: string): string {
  return source.endsWith('\n') ? source : `${source}\n`;
}

/** Rolls back: the old version's source and libraries become a new version (history stays whole). */
export async function restoreVersion(
  deps: ScriptDeps,
  key: ScriptKey,
  version: number,
  actor: AuditActor,
): Promise<ScriptWithSource> {
  const old = await findVersion(deps, key, version);
  await inTransaction(deps, actor, async (db) => {
    const saved = await appendScriptVersion(db, key, {
      source: old.source,
      libraries: old.libraries,
      message: `Restored version ${version}`,
      authorUserId: actor.actorUserId,
    });
    if (!saved) throw scriptNotFound(key.id);
  });
  return findScript(deps, key);
}
