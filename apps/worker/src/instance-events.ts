import {
  type InstanceStatus,
  type InstanceStatusEvent,
  rooms,
  type ServerEvent,
  type ServerEventName,
} from '@fleetwright/contracts';
import type { InstanceLogRow, InstanceRow } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import { Emitter } from '@socket.io/postgres-emitter';
import type pg from 'pg';
import type { MetricSample } from './instance-metrics.ts';

/**
 * The emitter reports a failed publish by broadcasting an "error" event through itself; with the
 * database gone (shutdown) that publish fails too, and so on. This pool stand-in logs the failure
 * once per burst and answers as if the query succeeded, which ends the loop.
 */
function quietPool(pool: pg.Pool, logger: Logger) {
  let lastLoggedAt = 0;
  return {
    async query(text: string, values?: unknown[]) {
      try {
        return await pool.query(text, values);
      } catch (error) {
        if (Date.now() - lastLoggedAt > 10_000) {
          lastLoggedAt = Date.now();
          logger.warn({ err: error }, 'could not publish an event');
        }
        return { rows: [{ id: 0 }], rowCount: 0 };
      }
    },
  };
}

const namedStatusEvents: Partial<Record<InstanceStatus, ServerEventName>> = {
  RUNNING: 'instance.started',
  STOPPED: 'instance.stopped',
  ERROR: 'instance.error',
};

/**
 * Publishes instance events to Socket.IO clients of every server replica, through Postgres
 * NOTIFY (@socket.io/postgres-emitter; the server runs the matching adapter).
 */
export class InstanceEvents {
  readonly #emitter: Emitter;

  constructor(pool: pg.Pool, logger: Logger) {
    this.#emitter = new Emitter(quietPool(pool, logger));
  }

  #emit<N extends ServerEventName>(
    name: N,
    organizationId: string,
    instanceId: string,
    payload: ServerEvent<N>,
  ) {
    this.#emitter.to([rooms.organization(organizationId), rooms.instance(instanceId)]).emit(name, payload);
  }

  /** `instance.status` for every transition, plus started / stopped / error. */
  status(row: InstanceRow, previousStatus: InstanceStatus | null, reason: string | null): void {
    const payload: InstanceStatusEvent = {
      instanceId: row.id,
      organizationId: row.organizationId,
      status: row.status,
      previousStatus,
      reason,
      workerId: row.workerId,
      at: row.updatedAt.toISOString(),
    };
    this.#emit('instance.status', row.organizationId, row.id, payload);
    const named = namedStatusEvents[row.status];
    if (named) this.#emit(named, row.organizationId, row.id, payload);
  }

  log(row: InstanceLogRow): void {
    this.#emit('instance.log', row.organizationId, row.instanceId, {
      id: row.id,
      instanceId: row.instanceId,
      organizationId: row.organizationId,
      level: row.level,
      source: row.source,
      message: row.message,
      data: row.data ?? null,
      at: row.at.toISOString(),
    });
  }

  metrics(instance: { id: string; organizationId: string }, at: Date, sample: MetricSample): void {
    this.#emit('instance.metrics', instance.organizationId, instance.id, {
      instanceId: instance.id,
      organizationId: instance.organizationId,
      at: at.toISOString(),
      ...sample,
    });
  }

  urlChanged(instance: { id: string; organizationId: string }, url: string, at: Date): void {
    this.#emit('instance.url_changed', instance.organizationId, instance.id, {
      instanceId: instance.id,
      organizationId: instance.organizationId,
      url,
      at: at.toISOString(),
    });
  }
}
