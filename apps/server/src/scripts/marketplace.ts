import type { ListMarketplaceScriptsQuery } from '@fleetwright/contracts';
import {
  countScriptDownload,
  getScript,
  getScriptRating,
  getVisibleScript,
  insertScript,
  listPublicScripts,
  type ScriptKey,
  type ScriptListing,
  type ScriptWithSource,
  updateScript,
  upsertScriptRating,
} from '@fleetwright/db';
import type { AuditActor } from '../audit-logs/service.ts';
import { AppError } from '../errors.ts';
import { findScript, type ScriptDeps, scriptAuditEntry, scriptNotFound } from './service.ts';

/** Publishes (or withdraws) one of the organization's scripts; both are audited. */
export async function setPublished(
  deps: ScriptDeps,
  key: ScriptKey,
  published: boolean,
  actor: AuditActor,
): Promise<ScriptWithSource> {
  await deps.audit.change(actor, async (db) => {
    const row = await updateScript(db, key, {
      visibility: published ? 'public' : 'private',
      publishedAt: published ? new Date() : null,
    });
    if (!row) throw scriptNotFound(key.id);
    return {
      result: row,
      entry: scriptAuditEntry(published ? 'script.published' : 'script.unpublished', row),
    };
  });
  return findScript(deps, key);
}

export function listMarketplace(
  deps: Pick<ScriptDeps, 'db'>,
  query: ListMarketplaceScriptsQuery,
): Promise<{ rows: ScriptListing[]; total: number }> {
  return listPublicScripts(deps.db, query);
}

/**
 * A public script, or one of the caller's organization: a private script of another organization
 * is as unknown as a made-up id. `organizationId` is null for a user without an organization.
 */
export async function findMarketplaceScript(
  deps: Pick<ScriptDeps, 'db'>,
  organizationId: string | null,
  id: string,
): Promise<ScriptWithSource> {
  // The nil UUID is nobody's organization: only public scripts match it.
  const row = await getVisibleScript(deps.db, {
    organizationId: organizationId ?? '00000000-0000-0000-0000-000000000000',
    id,
  });
  if (!row) throw scriptNotFound(id);
  return row;
}

/** What the marketplace page shows of one script: the script, and the caller's own rating. */
export interface MarketplaceScriptView {
  row: ScriptWithSource;
  /** Null before the user rates it, or for an API key without a user. */
  myRating: number | null;
}

/** A marketplace script (as findMarketplaceScript finds it) with the calling user's rating. */
export async function viewMarketplaceScript(
  deps: Pick<ScriptDeps, 'db'>,
  organizationId: string | null,
  id: string,
  userId: string | null,
): Promise<MarketplaceScriptView> {
  const row = await findMarketplaceScript(deps, organizationId, id);
  const myRating = userId ? await getScriptRating(deps.db, { scriptId: id, userId }) : null;
  return { row, myRating };
}

/**
 * Copies the script's latest version into the caller's organization as a new script (version 1,
 * `forkedFrom` kept) and counts a download, in one transaction.
 */
export async function forkScript(
  deps: ScriptDeps,
  organizationId: string,
  id: string,
  actor: AuditActor,
): Promise<ScriptWithSource> {
  const original = await findMarketplaceScript(deps, organizationId, id);
  const fork = await deps.audit.change(actor, async (db) => {
    const row = await insertScript(
      db,
      {
        organizationId,
        name: original.name,
        description: original.description,
        tags: original.tags,
        forkedFrom: original.id,
      },
      {
        source: original.source,
        libraries: original.libraries,
        message: `Forked from ${original.id} version ${original.latestVersion}`,
        authorUserId: actor.actorUserId,
      },
    );
    await countScriptDownload(db, original.id);
    return { result: row, entry: null };
  });
  const row = await getScript(deps.db, { organizationId, id: fork.id });
  if (!row) throw scriptNotFound(fork.id);
  return row;
}

/** One rating per user: a second one replaces the first. An API key acts for the user who made it. */
export async function rateScript(
  deps: Pick<ScriptDeps, 'db'>,
  organizationId: string,
  id: string,
  userId: string | null,
  rating: number,
): Promise<MarketplaceScriptView> {
  await findMarketplaceScript(deps, organizationId, id);
  if (!userId) throw new AppError('FORBIDDEN', 'Ratings are per user: this API key belongs to no user.');
  await upsertScriptRating(deps.db, { scriptId: id, userId, rating });
  return { row: await findMarketplaceScript(deps, organizationId, id), myRating: rating };
}
