import { randomUUID } from 'node:crypto';
import {
  type CreateProfile,
  MAX_PROFILE_STATE_BYTES,
  type StorageState,
  type UpdateProfile,
} from '@fleetwright/contracts';
import {
  type Database,
  type DatabaseOrTransaction,
  deleteProfile as deleteProfileRow,
  getProfile,
  getSession,
  holdProfile,
  insertProfile,
  isUniqueViolation,
  listProfiles as listProfileRows,
  type ProfileKey,
  type ProfileSummaryRow,
  renameProfile as renameProfileRow,
} from '@fleetwright/db';
import { type Keyring, sealProfileState } from '@fleetwright/secrets';
import type { AuditActor, AuditEntry, AuditLog } from '../audit-logs/service.ts';
import { AppError } from '../errors.ts';
import { type WorkerClient, WorkerCommandError } from '../workers/worker-client.ts';

/** What the profile services need; built once per app from its decorators. */
export interface ProfileDeps {
  db: Database;
  keyring: Keyring;
  audit: AuditLog;
  workers: WorkerClient;
}

function profileNotFound(id: string, field?: string): AppError {
  return new AppError('PROFILE_NOT_FOUND', `No profile ${id}.`, field ? { field } : {});
}

function alreadyExists(name: string): AppError {
  return new AppError('PROFILE_ALREADY_EXISTS', `A profile named ${name} exists already.`, { field: 'name' });
}

function auditEntry(
  action: AuditEntry['action'],
  row: ProfileSummaryRow,
  details: Record<string, unknown>,
): AuditEntry {
  return { action, organizationId: row.organizationId, targetType: 'profile', targetId: row.id, details };
}

/** What a state holds, for the list: origins with storage first, then the cookies' domains. */
export function describeStorageState(state: StorageState): { cookieCount: number; origins: string[] } {
  const origins = new Set(state.origins.map((origin) => origin.origin));
  for (const cookie of state.cookies) origins.add(cookie.domain.replace(/^\./, ''));
  return { cookieCount: state.cookies.length, origins: [...origins] };
}

export async function findProfile(
  deps: Pick<ProfileDeps, 'db'>,
  key: ProfileKey,
): Promise<ProfileSummaryRow> {
  const row = await getProfile(deps.db, key);
  if (!row) throw profileNotFound(key.id);
  return row;
}

/**
 * A session's `profileId` must name a profile of the organization: another organization's is as
 * unknown as a made-up id (404 naming the field), refused before anything is written.
 */
/**
 * Refuses a session's `profileId` that is not one of the organization's profiles. Called in the
 * transaction that writes the session: the profile is held until it commits, so a delete racing
 * the write waits instead of leaving the insert a foreign-key error (a 500).
 */
export async function checkProfileReference(
  tx: DatabaseOrTransaction,
  organizationId: string,
  profileId: string | null | undefined,
): Promise<void> {
  if (!profileId) return;
  if (!(await holdProfile(tx, { organizationId, id: profileId })))
    throw profileNotFound(profileId, 'profileId');
}

export async function listProfiles(
  deps: Pick<ProfileDeps, 'db'>,
  organizationId: string,
  page: { page: number; pageSize: number },
): Promise<{ rows: ProfileSummaryRow[]; total: number }> {
  return listProfileRows(deps.db, { organizationId, ...page });
}

/**
 * Asks the session's worker for its storage state and stores it sealed under `name`. The session
 * must be RUNNING (its context holds the storage); a state over MAX_PROFILE_STATE_BYTES is a 413.
 */
export async function createProfile(
  deps: ProfileDeps,
  organizationId: string,
  input: CreateProfile,
  actor: AuditActor,
): Promise<ProfileSummaryRow> {
  const session = await getSession(deps.db, { organizationId, id: input.sessionId });
  if (!session) {
    throw new AppError('SESSION_NOT_FOUND', `No session ${input.sessionId}.`, { field: 'sessionId' });
  }
  if (session.status !== 'RUNNING') {
    throw new AppError('SESSION_NOT_RUNNING', `The session is ${session.status}; it must be RUNNING.`, {
      field: 'sessionId',
    });
  }
  const state = await deps.workers
    .storageState({ sessionId: session.id, workerId: session.workerId })
    .catch((error: unknown) => {
      // The worker measures first (its answer names the size); the field is ours to name.
      if (error instanceof WorkerCommandError && error.code === 'PROFILE_TOO_LARGE') {
        throw new AppError('PROFILE_TOO_LARGE', error.message, { field: 'sessionId', cause: error });
      }
      throw error;
    });
  const json = JSON.stringify(state);
  const sizeBytes = Buffer.byteLength(json);
  // Again here: a worker of an older version does not measure.
  if (sizeBytes > MAX_PROFILE_STATE_BYTES) {
    throw new AppError(
      'PROFILE_TOO_LARGE',
      `The session's storage is ${sizeBytes} bytes; a profile holds at most ${MAX_PROFILE_STATE_BYTES} (5 MiB).`,
      { field: 'sessionId' },
    );
  }
  // The id is made here: the sealed state is bound to it.
  const id = randomUUID();
  return deps.audit.change(actor, async (db) => {
    const row = await insertProfile(db, {
      id,
      organizationId,
      name: input.name,
      state: sealProfileState(deps.keyring, id, json),
      sizeBytes,
      ...describeStorageState(state),
      sessionId: session.id,
      createdBy: actor.actor,
    });
    if (!row) throw alreadyExists(input.name);
    return {
      result: row,
      entry: auditEntry('profile.created', row, { name: row.name, sessionId: session.id, sizeBytes }),
    };
  });
}

/** Renames a profile; a name another profile has is a 409. */
export async function renameProfile(
  deps: ProfileDeps,
  key: ProfileKey,
  input: UpdateProfile,
  actor: AuditActor,
): Promise<ProfileSummaryRow> {
  try {
    return await deps.audit.change(actor, async (db) => {
      const before = await getProfile(db, key);
      if (!before) throw profileNotFound(key.id);
      const row = await renameProfileRow(db, key, input.name);
      if (!row) throw profileNotFound(key.id);
      const details = { before: { name: before.name }, after: { name: row.name } };
      return { result: row, entry: auditEntry('profile.renamed', row, details) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(input.name);
    throw error;
  }
}

/** Deletes a profile; sessions started from it keep running and start without it from then on. */
export async function deleteProfile(
  deps: ProfileDeps,
  key: ProfileKey,
  actor: AuditActor,
): Promise<ProfileSummaryRow> {
  return deps.audit.change(actor, async (db) => {
    const row = await deleteProfileRow(db, key);
    if (!row) throw profileNotFound(key.id);
    return { result: row, entry: auditEntry('profile.deleted', row, { name: row.name }) };
  });
}
