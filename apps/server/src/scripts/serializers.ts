import type { MarketplaceScript, Script, ScriptSummary, ScriptVersion } from '@fleetwright/contracts';
import type { ScriptListing, ScriptVersionRow, ScriptWithSource } from '@fleetwright/db';

export function toScriptSummary(row: ScriptListing): ScriptSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tags: row.tags,
    latestVersion: row.latestVersion,
    libraries: row.libraries ?? [],
    visibility: row.visibility,
    forkedFrom: row.forkedFrom,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    downloads: row.downloads,
    rating: {
      // Two decimals are what a star rating can show.
      average: row.ratingAverage === null ? null : Math.round(row.ratingAverage * 100) / 100,
      count: row.ratingCount,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toScript(row: ScriptWithSource): Script {
  return { ...toScriptSummary(row), source: row.source };
}

export function toMarketplaceScript(view: {
  row: ScriptWithSource;
  myRating: number | null;
}): MarketplaceScript {
  return { ...toScript(view.row), myRating: view.myRating };
}

export function toScriptVersionSummary(row: Omit<ScriptVersionRow, 'source'>): Omit<ScriptVersion, 'source'> {
  return {
    scriptId: row.scriptId,
    version: row.version,
    message: row.message,
    libraries: row.libraries,
    authorUserId: row.authorUserId,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toScriptVersion(row: ScriptVersionRow): ScriptVersion {
  return { ...toScriptVersionSummary(row), source: row.source };
}
