import { type SessionStatus, toStatusEvent } from '@fleetwright/contracts';
import {
  type Database,
  type NewSessionRow,
  type SessionKey,
  type TransitionResult,
  transitionSession,
} from '@fleetwright/db';
import type { SessionEvents } from '@fleetwright/events';

export interface TransitionParams {
  from: SessionStatus[];
  to: SessionStatus;
  set?: Partial<NewSessionRow>;
  /** Why, for the event: an error message, "stopped by user"; null for a plain step. */
  reason: string | null;
  /** The claim: the session has no worker yet, so the move is not limited to this worker's sessions. */
  unowned?: boolean;
}

/**
 * Compare-and-set transition, emitted as an event. Limited to sessions this worker holds, except
 * the claim (`unowned`), when the session has no worker yet.
 * When the event is known before the update (one possible previous status, a known owner), the
 * update statement itself sends it.
 */
export async function transitionAndEmit(
  context: { db: Database; events: SessionEvents; workerId: string },
  key: SessionKey,
  params: TransitionParams,
): Promise<TransitionResult | undefined> {
  const { events, workerId: ownWorkerId } = context;
  const at = new Date();
  const set = params.set ?? {};
  const workerId = 'workerId' in set ? set.workerId : params.unowned ? undefined : ownWorkerId;
  const notify =
    params.from.length === 1 && workerId !== undefined
      ? events.statusNotify(
          toStatusEvent(
            { ...key, status: params.to, workerId, updatedAt: at },
            params.from[0]!,
            params.reason,
          ),
        )
      : undefined;
  const moved = await transitionSession(context.db, {
    organizationId: key.organizationId,
    id: key.id,
    from: params.from,
    to: params.to,
    set,
    at,
    notify,
    ...(params.unowned ? {} : { workerId: ownWorkerId }),
  });
  if (moved && !notify) events.status(moved.row, moved.previousStatus, params.reason);
  else if (moved) events.statusSent(toStatusEvent(moved.row, moved.previousStatus, params.reason));
  return moved;
}
